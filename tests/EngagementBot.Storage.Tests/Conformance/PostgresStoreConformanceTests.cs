using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>The conformance suite on PostgreSQL (a fresh database per test in a throwaway cluster).</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresStoreConformanceTests(PostgresCluster cluster) : StoreConformanceTests
{
    private string? _database;

    internal override async Task<ServiceProvider> CreateStorageAsync(ManualTimeProvider clock)
    {
        _database = await cluster.CreateDatabaseAsync();
        return await StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = cluster.ConnectionString(_database) },
            clock);
    }

    protected override async Task DestroyStorageAsync()
    {
        if (_database is not null)
        {
            await cluster.DropDatabaseAsync(_database);
        }
    }
}
