using System.Text;
using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// Conversation/dialog state on SQLite or PostgreSQL. This is the per-turn hot path, so it uses plain
/// ADO.NET commands on the scope's connection (no EF Core context, no change tracking) and the same
/// SQL on both providers (<c>INSERT … ON CONFLICT … DO UPDATE</c> exists in SQLite ≥ 3.24 and PostgreSQL ≥ 9.5).
/// </summary>
internal sealed class RelationalStateStore(RelationalSession session, TimeProvider timeProvider) : IStateStore
{
    private const string UpsertSql =
        "INSERT INTO state (state_key, document, updated_at, etag) VALUES (@key, @document, @updated_at, @etag) " +
        "ON CONFLICT (state_key) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, etag = excluded.etag";

    private const string CreateOnlySql =
        "INSERT INTO state (state_key, document, updated_at, etag) VALUES (@key, @document, @updated_at, @etag) ON CONFLICT (state_key) DO NOTHING";

    private const string ConditionalUpdateSql =
        "UPDATE state SET document = @document, updated_at = @updated_at, etag = @etag WHERE state_key = @key AND etag = @expected";

    private static readonly string[] KeyParameters = ["@k0", "@k1", "@k2", "@k3", "@k4", "@k5", "@k6", "@k7"];

    private static readonly string[] SelectSqlByCount = Enumerable.Range(1, KeyParameters.Length).Select(BuildSelectSql).ToArray();

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StateItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StateItem>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await using (await session.OpenAsync(cancellationToken))
        await using (var command = session.CreateCommand(SelectSql(keys.Count)))
        {
            var index = 0;
            foreach (var key in keys)
            {
                ArgumentException.ThrowIfNullOrEmpty(key, nameof(keys));
                command.AddParameter(index < KeyParameters.Length ? KeyParameters[index] : $"@k{index}", key);
                index++;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(0);
                result[key] = new StateItem(key, reader.GetString(1), reader.GetString(2));
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyCollection<StateChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        // One statement is atomic on its own; several share a transaction (the scope's, or a new one).
        await using (await session.OpenAsync(cancellationToken))
        {
            return changes.Count == 1 || session.InTransaction
                ? await WriteAllAsync(changes, cancellationToken)
                : await session.InTransactionAsync(ct => WriteAllAsync(changes, ct), cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        var list = keys.ToList();
        await session.Context.State.Where(r => list.Contains(r.StateKey)).ExecuteDeleteAsync(cancellationToken);
    }

    private static string SelectSql(int count) => count <= SelectSqlByCount.Length ? SelectSqlByCount[count - 1] : BuildSelectSql(count);

    private static string BuildSelectSql(int count)
    {
        var sql = new StringBuilder("SELECT state_key, document, etag FROM state WHERE state_key IN (");
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "@k0" : $", @k{i}");
        }

        return sql.Append(')').ToString();
    }

    private async Task<IReadOnlyDictionary<string, string>> WriteAllAsync(IReadOnlyCollection<StateChange> changes, CancellationToken cancellationToken)
    {
        var etags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        var now = timeProvider.GetUtcNow().UtcTicks;
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change);
            ArgumentException.ThrowIfNullOrEmpty(change.Key, nameof(changes));
            ArgumentNullException.ThrowIfNull(change.Json, nameof(changes));
            var etag = Ids.NewETag();
            var sql = change.IsUnconditional ? UpsertSql : change.IsCreateOnly ? CreateOnlySql : ConditionalUpdateSql;
            await using var command = await session.CreateWriteCommandAsync(sql, cancellationToken);
            command.AddParameter("@key", change.Key);
            command.AddParameter("@document", change.Json);
            command.AddParameter("@updated_at", now);
            command.AddParameter("@etag", etag);
            if (!change.IsUnconditional && !change.IsCreateOnly)
            {
                command.AddParameter("@expected", change.ETag);
            }

            var affected = await command.ExecuteNonQueryAsync(cancellationToken);
            if (affected == 0)
            {
                throw new ConcurrencyConflictException("state", change.Key, change.ETag);
            }

            etags[change.Key] = etag;
        }

        return etags;
    }
}
