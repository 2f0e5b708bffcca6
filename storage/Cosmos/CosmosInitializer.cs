using EngagementBot.Storage.Content;
using Microsoft.Azure.Cosmos;
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
        else
        {
            await CheckStateTimeToLiveAsync(cancellationToken);
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

    /// <summary>
    /// Containers made by someone else (the ARM template): state documents carry <c>ttl</c>, which Cosmos DB ignores
    /// unless the container has TTL on. Says so loudly rather than stopping the bot (state then just never expires).
    /// </summary>
    private async Task CheckStateTimeToLiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var defaultTimeToLive = await database.ReadStateDefaultTimeToLiveAsync(cancellationToken);
            if (defaultTimeToLive is null && database.Options.StateTimeToLiveSeconds > 0)
            {
                logger.LogError(
                    "Cosmos container {State} has time to live off, so conversation state never expires although Storage:Cosmos:StateTimeToLiveSeconds is {Seconds}: " +
                    "turn it on (DefaultTimeToLive -1 or a number of seconds; the ARM template's defaultTtl, or 'az cosmosdb sql container update --ttl -1')",
                    database.Options.StateContainer, database.Options.StateTimeToLiveSeconds);
            }
        }
        catch (CosmosException exception)
        {
            logger.LogError(
                "Could not read the settings of Cosmos container {State} ({Status}) to check that conversation state expires; the bot goes on",
                database.Options.StateContainer, exception.StatusCode);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
