using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>The conformance suite on a real SQLite file in a temporary folder (one file per test).</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests
{
    private readonly TempFolder _folder = new();

    internal override Task<ServiceProvider> CreateStorageAsync(ManualTimeProvider clock) =>
        StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataFolder"] = _folder.Path },
            clock);

    protected override async Task<IReadOnlyList<string>> ScanEverythingAsync()
    {
        var values = new List<string>();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={System.IO.Path.Combine(_folder.Path, "engagementbot.db")}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("participants", tables);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
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

    protected override Task DestroyStorageAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
