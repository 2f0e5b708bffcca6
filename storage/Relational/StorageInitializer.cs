using EngagementBot.Storage.Content;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// Applies pending schema scripts when the host starts, before it accepts requests
/// (hosted services start before the server listens).
/// </summary>
internal sealed class StorageInitializer(IServiceScopeFactory scopeFactory, IOptions<StorageOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplySchemaOnStartup)
        {
            logger.LogInformation("Storage schema is not applied at start-up (Storage:ApplySchemaOnStartup is false)");
            return;
        }

        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var version = await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            logger.LogInformation("Storage ready: {Provider}, schema version {Version}", options.Value.Provider, version);
        }

        if (options.Value.SeedDemoContent)
        {
            await SeedDemoContentAsync(cancellationToken);
        }
    }

    private async Task SeedDemoContentAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedIfEmptyAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
