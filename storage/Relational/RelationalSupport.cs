using System.Data.Common;
using System.Globalization;
using System.Text;
using EngagementBot.Storage.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EngagementBot.Storage.Relational;

/// <summary>Helpers shared by the relational stores: conditional writes, transactions, paging, raw commands.</summary>
internal static class RelationalSupport
{
    /// <summary>The <c>client</c> column of a conversation reference (an enum name, or null when not recorded).</summary>
    public static ChatClient? ParseChatClient(string? value) =>
        Enum.TryParse<ChatClient>(value, ignoreCase: false, out var client) ? client : null;

    /// <summary>
    /// Inserts (ETag null) or conditionally updates (ETag = the caller's) one row, giving it a new ETag.
    /// Turns lost races and duplicate keys into <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    public static async Task<string> SaveRowAsync<TRow>(
        this EngagementDbContext db, TRow row, string? expectedETag, string kind, string key, CancellationToken cancellationToken)
        where TRow : class, IETagRow
    {
        row.ETag = Ids.NewETag();
        if (expectedETag is null)
        {
            db.Add(row);
        }
        else
        {
            var entry = db.Update(row);
            entry.Property(nameof(IETagRow.ETag)).OriginalValue = expectedETag;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row.ETag;
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException(kind, key, expectedETag, ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new ConcurrencyConflictException(kind, key, expectedETag, ex);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Completes a conditional delete: <paramref name="deleted"/> rows were removed by a delete filtered on
    /// key (and ETag when given). Zero with an ETag means a conflict if the row still exists.
    /// </summary>
    public static async Task<bool> CompleteDeleteAsync(
        int deleted, string? etag, Func<CancellationToken, Task<bool>> exists, string kind, string key, CancellationToken cancellationToken)
    {
        if (deleted > 0)
        {
            return true;
        }

        if (etag is not null && await exists(cancellationToken))
        {
            throw new ConcurrencyConflictException(kind, key, etag);
        }

        return false;
    }

    /// <summary>Whether the failure is a unique-key violation (SQLite or PostgreSQL).</summary>
    public static bool IsUniqueViolation(Exception ex) => IsUniqueKeyError(ex.InnerException);

    /// <summary>Whether a plain ADO.NET command failed on a unique key (SQLite or PostgreSQL).</summary>
    public static bool IsUniqueKeyError(DbException ex) => IsUniqueKeyError((Exception)ex);

    private static bool IsUniqueKeyError(Exception? ex) => ex switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067, // SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Encodes the last key of a page as an opaque continuation token.</summary>
    public static string? ToContinuationToken(string? lastKey) =>
        lastKey is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey));

    /// <summary>Decodes a continuation token made by <see cref="ToContinuationToken"/>.</summary>
    /// <exception cref="ArgumentException">The token was not made by this store.</exception>
    public static string? FromContinuationToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not valid: pass the token of the previous page unchanged.", nameof(token), ex);
        }
    }

    /// <summary>Builds a page from <c>size + 1</c> fetched items (the extra one tells whether there is a next page).</summary>
    public static Page<T> ToPage<TRow, T>(List<TRow> rows, int size, Func<TRow, string> keyOf, Func<TRow, T> map)
    {
        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var items = rows.Select(map).ToList();
        return new Page<T>(items, hasMore ? ToContinuationToken(keyOf(rows[^1])) : null);
    }

    /// <summary>
    /// Runs <c>{sqlPrefix}@p0, @p1, …)</c> for <paramref name="ids"/> in chunks of 500 parameters (within every engine's
    /// limit) on the session's open connection, calling <paramref name="read"/> for each row.
    /// </summary>
    public static async Task ForChunksAsync(this RelationalSession session, IReadOnlyList<string> ids, string sqlPrefix, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        const int Chunk = 500;
        for (var start = 0; start < ids.Count; start += Chunk)
        {
            var count = Math.Min(Chunk, ids.Count - start);
            var sql = new StringBuilder(sqlPrefix, sqlPrefix.Length + (count * 7));
            for (var i = 0; i < count; i++)
            {
                sql.Append(i == 0 ? "@p" : ", @p").Append(i.ToString(CultureInfo.InvariantCulture));
            }

            sql.Append(')');
            await using var command = session.CreateCommand(sql.ToString());
            for (var i = 0; i < count; i++)
            {
                command.AddParameter("@p" + i.ToString(CultureInfo.InvariantCulture), ids[start + i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(reader);
            }
        }
    }

    /// <summary>Adds a named parameter (same <c>@name</c> syntax for SQLite and Npgsql).</summary>
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
