using System.Text;
using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// Conversation/dialog state on SQLite or PostgreSQL. This is the per-turn hot path, so it uses plain
/// ADO.NET commands on the context's connection (no change tracking, no LINQ translation) and the same
/// SQL on both providers (<c>INSERT … ON CONFLICT … DO UPDATE</c> exists in SQLite ≥ 3.24 and PostgreSQL ≥ 9.5).
/// </summary>
internal sealed class RelationalStateStore(EngagementDbContext db, TimeProvider timeProvider) : IStateStore
{
    private const string UpsertSql =
        "INSERT INTO state (state_key, document, updated_at, etag) VALUES (@key, @document, @updated_at, @etag) " +
        "ON CONFLICT (state_key) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, etag = excluded.etag";

    private const string ConditionalUpdateSql =
        "UPDATE state SET document = @document, updated_at = @updated_at, etag = @etag WHERE state_key = @key AND etag = @expected";

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StateItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StateItem>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        var sql = new StringBuilder("SELECT state_key, document, etag FROM state WHERE state_key IN (");
        for (var i = 0; i < keys.Count; i++)
        {
            sql.Append(i == 0 ? "@k0" : $", @k{i}");
        }

        sql.Append(')');
        try
        {
            await using var command = await db.CreateCommandAsync(sql.ToString(), cancellationToken);
            var index = 0;
            foreach (var key in keys)
            {
                ArgumentException.ThrowIfNullOrEmpty(key, nameof(keys));
                command.AddParameter($"@k{index++}", key);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(0);
                result[key] = new StateItem(key, reader.GetString(1), reader.GetString(2));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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

        try
        {
            // One statement is atomic on its own; several share a transaction (the scope's, or a new one).
            return changes.Count == 1 && db.Database.CurrentTransaction is null
                ? await WriteAllAsync(changes, cancellationToken)
                : await db.InTransactionAsync(ct => WriteAllAsync(changes, ct), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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
        await db.State.Where(r => list.Contains(r.StateKey)).ExecuteDeleteAsync(cancellationToken);
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
            await using var command = await db.CreateCommandAsync(change.IsUnconditional ? UpsertSql : ConditionalUpdateSql, cancellationToken);
            command.AddParameter("@key", change.Key);
            command.AddParameter("@document", change.Json);
            command.AddParameter("@updated_at", now);
            command.AddParameter("@etag", etag);
            if (!change.IsUnconditional)
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
