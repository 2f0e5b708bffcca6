using EngagementBot.Storage.Migration;
using EngagementBot.Storage.Tests.Conformance;

namespace EngagementBot.Storage.Tests.Migration;

/// <summary><c>migrate-storage</c> from SQLite into PostgreSQL (the suite's throwaway cluster), and the PostgreSQL schema's tables.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class StorageMigrationPostgresTests(PostgresCluster cluster) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sqlite_to_postgres_copies_everything_and_a_second_run_copies_nothing()
    {
        var source = Path.Combine(_folder.Path, "source");
        await MigrationScenario.SeedAsync(source);
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            var to = "postgres:" + cluster.ConnectionString(database);
            var first = await MigrationScenario.RunAsync(null, null, "--from", "sqlite:" + source, "--to", to);
            Assert.True(first.Exit == 0, first.Output + first.Error);
            var second = await MigrationScenario.RunAsync(null, null, "--from", "sqlite:" + source, "--to", to);
            Assert.True(second.Exit == 0, second.Output + second.Error);

            await using var sqlite = await MigrationScenario.OpenSqliteAsync(source);
            await using var postgres = await StorageHost.StartAsync(
                new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = cluster.ConnectionString(database) }, TimeProvider.System);
            var keys = await MigrationScenario.InventoryAsync(sqlite);
            foreach (var (kind, count) in StorageMigrationSqliteTests.SeededCounts.Select(row => ((StoredKind)row[0], (int)row[1])))
            {
                Assert.Contains(MigrationScenario.CountsLine(kind, count, count, 0, 0), first.Output, StringComparison.Ordinal);
                Assert.Contains(MigrationScenario.CountsLine(kind, count, 0, count, 0), second.Output, StringComparison.Ordinal);
            }

            Assert.Equal(keys, await MigrationScenario.InventoryAsync(postgres));
            Assert.Equal(await MigrationScenario.ReadBackAsync(sqlite, keys), await MigrationScenario.ReadBackAsync(postgres, keys));
            await StorageMigrationSqliteTests.OutboxIsAsInTheSourceAsync(sqlite, postgres);

            // The PostgreSQL schema has the same tables, all covered.
            var tables = new List<string>();
            await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString(database));
            await connection.OpenAsync();
            await using var list = new Npgsql.NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__schema_version'", connection);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }

            Assert.Equal(StorageMigration.TablesCovered.Keys.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }
}
