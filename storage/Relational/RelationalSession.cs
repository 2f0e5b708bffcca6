using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// The database work of one DI scope (one turn, one request): its connection, at most one open transaction,
/// and the EF Core context built on the connection in use. Hot paths (state, answers) run plain ADO.NET
/// commands; the other stores use the context; both enlist in the scope's transaction, which is what lets
/// <see cref="IStorageUnitOfWork"/> span stores.
/// On SQLite a transaction is <em>deferred</em>: <see cref="BeginAsync"/> only marks the scope, and the real
/// transaction (with the process's writer gate) starts at the first write — a raw write command, an EF Core
/// <c>SaveChanges</c> or bulk statement (<see cref="DeferredTransactionInterceptor"/>). Turns that only read
/// never queue behind writers, and the gate is held only from the first write to the commit. Reads before the
/// first write see the latest committed data; every write is conditional on an ETag, so a change made
/// meanwhile still surfaces as <see cref="ConcurrencyConflictException"/>.
/// <para>
/// Which SQLite connection: the transaction runs on the process's writer connection
/// (<see cref="RelationalDatabase.WriterConnection"/>), and so does a plain read (<see cref="OpenAsync"/>) when
/// the gate is free at that moment; otherwise a read uses the scope's own pooled connection and never waits.
/// SQLite discards a connection's page cache when another connection wrote since its last read, so with every
/// write of the process on one connection, that connection's cache stays warm. A scope whose EF Core context
/// already lives on its own connection keeps its transaction there, so EF Core and plain commands always share
/// one connection and one transaction.
/// </para>
/// </summary>
internal sealed class RelationalSession(RelationalDatabase database, ILoggerFactory loggerFactory) : IAsyncDisposable, IDisposable
{
    private EngagementDbContext? _context;
    private bool _contextOnWriter;
    private DbConnection? _own;
    private SqliteConnection? _writer;
    private int _writerReads;
    private bool _writerInDoubt;
    private DbTransaction? _transaction;
    private bool _transactionOpenedConnection;
    private SemaphoreSlim? _heldWriterGate;
    private bool _deferred;

    /// <summary>
    /// The connection in use: SQLite's writer connection while this scope holds the writer gate for a transaction
    /// or a read, else the scope's own — on SQLite open for the whole scope and given back to
    /// <see cref="RelationalDatabase"/> at its end; on PostgreSQL closed between operations when no transaction is
    /// open (Npgsql pools it).
    /// </summary>
    public DbConnection Connection => (DbConnection?)_writer ?? (_own ??= database.RentConnection());

    /// <summary>The provider.</summary>
    public StorageProvider Provider => database.Provider;

    /// <summary>Whether a transaction is open in this scope.</summary>
    public bool InTransaction => _transaction is not null || _deferred;

    /// <summary>The open database transaction, if it has really started.</summary>
    internal DbTransaction? Transaction => _transaction;

    /// <summary>Whether this scope works on SQLite's writer connection right now (tests).</summary>
    internal bool OnWriterConnection => _writer is not null;

    /// <summary>The EF Core context on the connection in use (created on first use, enlisted in the open transaction).</summary>
    public EngagementDbContext Context => _context ??= CreateContext();

    /// <summary>
    /// Readies the connection for one operation; dispose the lease when the operation is done. SQLite: the writer
    /// connection if its gate is free now (held until the lease ends), else the scope's own — never a wait.
    /// PostgreSQL: opens the connection, closed again by the lease unless a transaction holds it.
    /// </summary>
    public async ValueTask<ConnectionLease> OpenAsync(CancellationToken cancellationToken)
    {
        if (database.SqliteWriterGate is { } gate)
        {
            if (_writer is not null)
            {
                return _transaction is null ? ReadOnWriter() : default;
            }

            if (_heldWriterGate is null && (_context is null || _contextOnWriter) && gate.Wait(0))
            {
                _heldWriterGate = gate;
                TakeWriterConnection();
                return ReadOnWriter();
            }

            return default;
        }

        if (Connection.State == ConnectionState.Open)
        {
            return default;
        }

        await Connection.OpenAsync(cancellationToken);
        return new ConnectionLease(this, LeaseKind.Opened);
    }

    /// <summary>A command on the (open) connection, enlisted in the open transaction.</summary>
    public DbCommand CreateCommand(string sql)
    {
        DbCommand command;
        if (Connection is SqliteConnection sqlite)
        {
            command = ReusableSqliteCommand.For(sqlite, sql);
        }
        else
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = _transaction;
        return command;
    }

    /// <summary>
    /// Runs a query of two statements on the scope's connection — one row, then its child rows (a participant and its
    /// subscriptions, a response and its answers) — in one round trip. Returns <see langword="null"/> when the first
    /// statement finds no row.
    /// </summary>
    /// <param name="sql">The two statements.</param>
    /// <param name="bind">Adds the parameters.</param>
    /// <param name="readRow">Reads the row of the first statement.</param>
    /// <param name="readChild">Reads one row of the second statement.</param>
    /// <param name="combine">Builds the result from the row and its children.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<TResult?> ReadRowWithChildrenAsync<TRow, TChild, TResult>(
        string sql,
        Action<DbCommand> bind,
        Func<DbDataReader, TRow> readRow,
        Func<DbDataReader, TRow, TChild> readChild,
        Func<TRow, List<TChild>, TResult> combine,
        CancellationToken cancellationToken)
        where TResult : class
    {
        await using (await OpenAsync(cancellationToken))
        await using (var command = CreateCommand(sql))
        {
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var row = readRow(reader);
            var children = new List<TChild>();
            if (await reader.NextResultAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    children.Add(readChild(reader, row));
                }
            }

            return combine(row, children);
        }
    }

    /// <summary>A write command on the (open) connection, in the scope's transaction (started now if deferred).</summary>
    public async ValueTask<DbCommand> CreateWriteCommandAsync(string sql, CancellationToken cancellationToken)
    {
        await EnsureWriteTransactionAsync(cancellationToken);
        return CreateCommand(sql);
    }

    /// <summary>Begins the scope's transaction (deferred to the first write on SQLite).</summary>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (InTransaction)
        {
            throw new InvalidOperationException("A storage transaction is already open in this scope; commit or dispose it first.");
        }

        if (database.Provider == StorageProvider.Sqlite)
        {
            _deferred = true;
            return;
        }

        await BeginNowAsync(cancellationToken);
    }

    /// <summary>Starts a deferred transaction before a write; nothing to do otherwise.</summary>
    public async ValueTask EnsureWriteTransactionAsync(CancellationToken cancellationToken)
    {
        if (_deferred)
        {
            _deferred = false;
            await BeginNowAsync(cancellationToken);

            // Begun in the middle of an operation whose lease will see the transaction and leave the connection
            // open: the transaction gives the connection back to the pool when it ends (the SQLite connection of a
            // scope stays open until the scope ends).
            _transactionOpenedConnection = database.Provider != StorageProvider.Sqlite;
        }
    }

    private async Task BeginNowAsync(CancellationToken cancellationToken)
    {
        if (database.SqliteWriterGate is { } gate && _heldWriterGate is null)
        {
            await gate.WaitAsync(cancellationToken);
            _heldWriterGate = gate;
        }

        try
        {
            if (_heldWriterGate is not null && _writer is null && _context is null)
            {
                TakeWriterConnection();
            }

            _transactionOpenedConnection = Connection.State != ConnectionState.Open;
            if (_transactionOpenedConnection)
            {
                await Connection.OpenAsync(cancellationToken);
            }

            _transaction = await Connection.BeginTransactionAsync(cancellationToken);
            _context?.Database.UseTransaction(_transaction);
        }
        catch
        {
            ReleaseWriterUnlessReading();
            throw;
        }
    }

    /// <summary>Commits the scope's transaction.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_deferred)
        {
            // Nothing was written: nothing to commit.
            _deferred = false;
            return;
        }

        var transaction = _transaction ?? throw new InvalidOperationException("No storage transaction is open in this scope.");
        await transaction.CommitAsync(cancellationToken);
        await EndTransactionAsync();
    }

    /// <summary>Rolls the scope's transaction back (no-op without one).</summary>
    public async Task RollbackAsync()
    {
        _deferred = false;
        if (_transaction is null)
        {
            return;
        }

        try
        {
            await _transaction.RollbackAsync(CancellationToken.None);
        }
        catch
        {
            _writerInDoubt = _writer is not null;
            throw;
        }
        finally
        {
            await EndTransactionAsync();
        }
    }

    /// <summary>Runs <paramref name="work"/> in the open transaction, or in a new one committed at the end.</summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (InTransaction)
        {
            await EnsureWriteTransactionAsync(cancellationToken);
            return await work(cancellationToken);
        }

        await BeginNowAsync(cancellationToken);
        try
        {
            var result = await work(cancellationToken);
            await CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            await RollbackAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A failed rollback leaves its connection in doubt: the writer connection is discarded by ReleaseWriter,
        // the scope's own connection is not pooled again.
        var ownClean = true;
        var onOwn = _transaction is not null && _writer is null;
        try
        {
            await RollbackAsync();
        }
        catch
        {
            ownClean = !onOwn;
            throw;
        }
        finally
        {
            ReleaseWriter();
            if (_context is not null)
            {
                await _context.DisposeAsync();
                _context = null;
            }

            if (_own is not null)
            {
                database.ReturnConnection(_own, ownClean);
            }
        }
    }

    /// <summary>Synchronous disposal for scopes disposed synchronously: rolls back an open transaction.</summary>
    public void Dispose()
    {
        _deferred = false;
        var ownClean = true;
        if (_transaction is not null)
        {
            _context?.Database.UseTransaction(null);
            try
            {
                _transaction.Rollback();
            }
            catch
            {
                _writerInDoubt = _writer is not null;
                ownClean = _writer is not null;
            }

            _transaction.Dispose();
            _transaction = null;
        }

        ReleaseWriter();
        _context?.Dispose();
        _context = null;
        if (_own is not null)
        {
            database.ReturnConnection(_own, ownClean);
        }
    }

    private EngagementDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<EngagementDbContext>().UseLoggerFactory(loggerFactory);
        if (database.Provider == StorageProvider.Sqlite)
        {
            builder.AddInterceptors(new DeferredTransactionInterceptor(this));
        }

        database.Configure(builder, Connection);
        _contextOnWriter = _writer is not null;
        var context = new EngagementDbContext(builder.Options);
        if (_transaction is not null)
        {
            context.Database.UseTransaction(_transaction);
        }

        return context;
    }

    private async Task EndTransactionAsync()
    {
        try
        {
            var transaction = _transaction;
            _transaction = null;
            if (_context is not null)
            {
                _context.Database.UseTransaction(null);
                _context.ChangeTracker.Clear();
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (_transactionOpenedConnection)
            {
                await Connection.CloseAsync();
            }
        }
        finally
        {
            ReleaseWriterUnlessReading();
        }
    }

    private ConnectionLease ReadOnWriter()
    {
        _writerReads++;
        return new ConnectionLease(this, LeaseKind.WriterRead);
    }

    /// <summary>Moves the scope (holding the gate) onto the writer connection; on failure gives the gate back.</summary>
    private void TakeWriterConnection()
    {
        try
        {
            _writer = database.WriterConnection;
        }
        catch
        {
            ReleaseWriter();
            throw;
        }
    }

    /// <summary>Ends a read on the writer connection: the last one gives it back unless a transaction still holds it.</summary>
    private void EndWriterRead()
    {
        if (--_writerReads == 0 && _transaction is null)
        {
            ReleaseWriter();
        }
    }

    private void ReleaseWriterUnlessReading()
    {
        if (_writerReads == 0)
        {
            ReleaseWriter();
        }
    }

    /// <summary>
    /// Gives the writer connection and the gate back: an EF Core context built on that connection goes with it (its
    /// change tracker is empty once the transaction ended), and a connection left in doubt is closed.
    /// </summary>
    private void ReleaseWriter()
    {
        if (_writer is not null)
        {
            if (_contextOnWriter)
            {
                _context?.Dispose();
                _context = null;
                _contextOnWriter = false;
            }

            if (_writerInDoubt)
            {
                database.DiscardWriterConnection();
            }

            _writer = null;
        }

        _writerReads = 0;
        _writerInDoubt = false;
        var gate = _heldWriterGate;
        _heldWriterGate = null;
        gate?.Release();
    }

    internal enum LeaseKind
    {
        None,
        Opened,
        WriterRead,
    }

    /// <summary>
    /// One operation's hold on the connection: gives SQLite's writer connection back, or closes a PostgreSQL
    /// connection it opened unless a transaction now holds it.
    /// </summary>
    internal readonly struct ConnectionLease : IAsyncDisposable
    {
        private readonly RelationalSession? _session;
        private readonly LeaseKind _kind;

        internal ConnectionLease(RelationalSession session, LeaseKind kind)
        {
            _session = session;
            _kind = kind;
        }

        public ValueTask DisposeAsync()
        {
            switch (_kind)
            {
                case LeaseKind.WriterRead:
                    _session!.EndWriterRead();
                    return ValueTask.CompletedTask;
                case LeaseKind.Opened when _session!._transaction is null:
                    return new ValueTask(_session.Connection.CloseAsync());
                default:
                    return ValueTask.CompletedTask;
            }
        }
    }
}

/// <summary>The scope's transaction behind <see cref="IStorageUnitOfWork"/>.</summary>
internal sealed class RelationalUnitOfWork(RelationalSession session) : IStorageUnitOfWork
{
    /// <inheritdoc />
    public async Task<IStorageTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        await session.BeginAsync(cancellationToken);
        return new Transaction(session);
    }

    private sealed class Transaction(RelationalSession session) : IStorageTransaction
    {
        private bool _done;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await session.CommitAsync(cancellationToken);
            _done = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                _done = true;
                await session.RollbackAsync();
            }
        }
    }
}
