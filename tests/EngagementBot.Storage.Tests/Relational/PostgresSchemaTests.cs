using EngagementBot.Storage.Relational;
using EngagementBot.Storage.Tests.Conformance;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EngagementBot.Storage.Tests.Relational;

/// <summary>The PostgreSQL schema scripts against the EF model, on a real cluster.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresSchemaTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Postgres_scripts_build_exactly_the_schema_of_the_EF_model()
    {
        var fromScripts = await cluster.CreateDatabaseAsync();
        var fromModel = await cluster.CreateDatabaseAsync();
        try
        {
            await using (await StorageHost.StartAsync(
                new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = cluster.ConnectionString(fromScripts) },
                TimeProvider.System))
            {
            }

            var options = new DbContextOptionsBuilder<EngagementDbContext>().UseNpgsql(cluster.ConnectionString(fromModel)).Options;
            await using (var context = new EngagementDbContext(options))
            {
                await context.Database.EnsureCreatedAsync();
            }

            var expected = await ReadSchemaAsync(cluster.ConnectionString(fromModel));
            var actual = await ReadSchemaAsync(cluster.ConnectionString(fromScripts));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
        finally
        {
            await cluster.DropDatabaseAsync(fromScripts);
            await cluster.DropDatabaseAsync(fromModel);
        }
    }

    private static async Task<List<string>> ReadSchemaAsync(string connectionString)
    {
        const string Sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__schema_version'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__schema_version'
            UNION ALL
            SELECT 'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
             WHERE c.connamespace = 'public'::regnamespace AND t.relname <> '__schema_version'
            ORDER BY 1
            """;
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
