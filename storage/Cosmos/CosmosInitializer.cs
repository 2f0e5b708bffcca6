using EngagementBot.Storage.Content;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage.Cosmos;

/// <summary>Creates the Cosmos database and containers at start-up (when configured) and optionally seeds the demo content.</summary>
internal sealed class CosmosInitializer(
    CosmosDatabase database, IServiceScopeFactory scopeFactory, IOptions<StorageOptions> storageOptions, ILogger<CosmosInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Options.CreateContainersOnStartup)
        {
            await database.EnsureCreatedAsync(cancellationToken);
        }

        logger.LogInformation(
            "Storage ready: Cosmos, database {Database}, containers {State} and {Items}, {Mode} mode",
            database.Options.DatabaseName, database.Options.StateContainer, database.Options.ItemsContainer, database.Options.ConnectionMode);

        if (storageOptions.Value.SeedDemoContent)
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
