using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// Starts the scope's deferred SQLite transaction (<see cref="RelationalSession"/>) when EF Core is about to
/// write: before <c>SaveChanges</c>, and before any non-query or non-SELECT statement (bulk deletes and updates,
/// raw SQL). Queries run outside it, as in autocommit.
/// </summary>
internal sealed class DeferredTransactionInterceptor(RelationalSession session) : DbCommandInterceptor, ISaveChangesInterceptor
{
    /// <inheritdoc />
    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await session.EnsureWriteTransactionAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        session.EnsureWriteTransactionAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnlistAsync(command, cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!IsQuery(command.CommandText))
        {
            await EnlistAsync(command, cancellationToken);
        }

        return result;
    }

    /// <inheritdoc />
    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnlistAsync(command, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    /// <inheritdoc />
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (!IsQuery(command.CommandText))
        {
            EnlistAsync(command, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    private static bool IsQuery(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase);
    }

    private async ValueTask EnlistAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (command.Transaction is null && session.InTransaction)
        {
            await session.EnsureWriteTransactionAsync(cancellationToken);
            command.Transaction = session.Transaction;
        }
    }
}
