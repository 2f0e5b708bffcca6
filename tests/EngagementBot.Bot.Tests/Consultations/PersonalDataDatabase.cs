using Microsoft.Data.Sqlite;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// Reads the bot's SQLite file directly (not through the stores), to check what is really left about a person.
/// </summary>
public sealed class PersonalDataDatabase(string dataFolder)
{
    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataFolder, "engagementbot.db"),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    /// <summary>The value of a scalar query.</summary>
    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The rows of a query as column → text maps.</summary>
    public async Task<List<Dictionary<string, string?>>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<Dictionary<string, string?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every cell of every table that contains one of <paramref name="needles"/>, as "table.column: value".</summary>
    public async Task<List<string>> FindAnywhereAsync(params string[] needles)
    {
        var found = new List<string>();
        foreach (var table in (await RowsAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).Select(r => r["name"]!))
        {
            foreach (var row in await RowsAsync($"SELECT * FROM \"{table}\""))
            {
                foreach (var (column, value) in row)
                {
                    if (value is not null && needles.Any(n => value.Contains(n, StringComparison.Ordinal)))
                    {
                        found.Add($"{table}.{column}: {value}");
                    }
                }
            }
        }

        return found;
    }
}
