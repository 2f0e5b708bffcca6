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

    protected override async Task<IReadOnlyList<string>> ScanEverythingAsync()
    {
        var values = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString(_database!));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("participants", tables);
        foreach (var table in tables)
        {
            await using var select = new Npgsql.NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add($"{table}.{reader.GetName(i)}={(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}");
                }
            }
        }

        return values;
    }

    protected override async Task DestroyStorageAsync()
    {
        if (_database is not null)
        {
            await cluster.DropDatabaseAsync(_database);
        }
    }
}
