using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EngagementBot.Storage.Relational;

/// <summary>The resolved database target: provider and connection string, computed once per process.</summary>
internal sealed class RelationalDatabase : IDisposable
{
    /// <summary>Open SQLite connections kept for the next scopes beyond this many are closed.</summary>
    internal const int MaxIdleSqliteConnections = 64;

    private readonly string _sqlitePragmas;
    private readonly ConcurrentBag<SqliteConnection> _idleSqliteConnections = [];
    private int _idleCount;
    private SqliteConnection? _writerConnection;
    private bool _disposed;

    private RelationalDatabase(StorageProvider provider, string connectionString, int busyTimeoutSeconds, string? sqliteFilePath)
    {
        Provider = provider;
        SqliteWriterGate = provider == StorageProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;
        ConnectionString = connectionString;
        SqliteFilePath = sqliteFilePath;
        _sqlitePragmas = $"PRAGMA busy_timeout = {busyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;";
    }

    public StorageProvider Provider { get; }

    /// <summary>
    /// SQLite allows one writer at a time. Write transactions of this process queue here, asynchronously and in
    /// order, instead of colliding in SQLite's busy handler (which sleeps in coarse steps and collapses throughput
    /// when many turns write at once). Null for PostgreSQL. Other processes on the same file still meet
    /// <c>busy_timeout</c>. Whoever holds the gate may use <see cref="WriterConnection"/>.
    /// </summary>
    public SemaphoreSlim? SqliteWriterGate { get; }

    /// <summary>
    /// SQLite: the process's writer connection, used only by the holder of <see cref="SqliteWriterGate"/> — for
    /// every write transaction and, when the gate is free, for plain reads. SQLite empties a connection's page
    /// cache whenever another connection has written since its last read; since this process writes only through
    /// this connection, its cache stays warm, and the pages a turn touches are not read from the file again on
    /// every turn (<see cref="RelationalSession"/>). Opened on first use.
    /// </summary>
    public SqliteConnection WriterConnection
    {
        get
        {
            if (_writerConnection is { State: ConnectionState.Open } open)
            {
                return open;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            _writerConnection?.Dispose();
            _writerConnection = (SqliteConnection)CreateConnection();
            _writerConnection.Open();
            return _writerConnection;
        }
    }

    public string ConnectionString { get; }

    /// <summary>The SQLite file, when the provider is SQLite.</summary>
    public string? SqliteFilePath { get; }

    /// <summary>Resolves the options against the content root; creates the SQLite data folder if missing.</summary>
    public static RelationalDatabase FromOptions(StorageOptions options, string contentRoot)
    {
        if (options.Provider == StorageProvider.Postgres)
        {
            return new RelationalDatabase(StorageProvider.Postgres, options.ConnectionString!, options.BusyTimeoutSeconds, null);
        }

        var folder = Path.GetFullPath(options.DataFolder, contentRoot);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, options.DatabaseFileName);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = options.BusyTimeoutSeconds,
        }.ToString();
        return new RelationalDatabase(StorageProvider.Sqlite, connectionString, options.BusyTimeoutSeconds, file);
    }

    /// <summary>
    /// A new (closed) connection. SQLite connections get their per-connection settings on every open:
    /// <c>busy_timeout</c> (wait for the write lock instead of failing at once) and <c>synchronous=NORMAL</c>
    /// (with WAL: durable across application crashes, one fsync per checkpoint instead of per commit).
    /// WAL itself is persistent in the file and is switched on once by the schema migrator.
    /// </summary>
    public DbConnection CreateConnection()
    {
        if (Provider == StorageProvider.Postgres)
        {
            return new NpgsqlConnection(ConnectionString);
        }

        var connection = new SqliteConnection(ConnectionString);
        connection.StateChange += (sender, e) =>
        {
            if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection opened)
            {
                using var command = opened.CreateCommand();
                command.CommandText = _sqlitePragmas;
                command.ExecuteNonQuery();
            }
        };
        return connection;
    }

    /// <summary>
    /// The connection of a new scope. SQLite: an <em>open</em> connection, from the connections earlier scopes
    /// gave back, so its settings are applied once per physical connection and not on every operation, and the
    /// statements its commands prepared stay prepared. PostgreSQL: a new closed connection (Npgsql pools them).
    /// </summary>
    public DbConnection RentConnection()
    {
        if (Provider != StorageProvider.Sqlite)
        {
            return CreateConnection();
        }

        if (_idleSqliteConnections.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            if (idle.State == ConnectionState.Open)
            {
                return idle;
            }

            idle.Dispose();
        }

        var connection = (SqliteConnection)CreateConnection();
        connection.Open();
        return connection;
    }

    /// <summary>Takes back a connection from <see cref="RentConnection"/> when its scope ends (no transaction, no reader open).</summary>
    public void ReturnConnection(DbConnection connection, bool reusable)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (reusable && !_disposed && connection is SqliteConnection { State: ConnectionState.Open } sqlite)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdleSqliteConnections)
            {
                _idleSqliteConnections.Add(sqlite);
                if (_disposed)
                {
                    CloseIdleConnections(); // disposed meanwhile
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        connection.Dispose();
    }

    /// <summary>
    /// Closes the writer connection after a failure left it in doubt (a rollback that threw); the next holder of the
    /// gate opens a new one. Called by the holder of <see cref="SqliteWriterGate"/> only.
    /// </summary>
    public void DiscardWriterConnection()
    {
        _writerConnection?.Dispose();
        _writerConnection = null;
    }

    /// <summary>Closes the idle connections and the writer connection (the process or the test host ends).</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdleConnections();
        if (SqliteWriterGate is { } gate && gate.Wait(TimeSpan.FromSeconds(5)))
        {
            // Not while a scope still works on it; a scope that outlives the host's five seconds keeps it.
            DiscardWriterConnection();
            gate.Release();
        }
    }

    private void CloseIdleConnections()
    {
        while (_idleSqliteConnections.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            idle.Dispose();
        }
    }

    /// <summary>Configures a context on an existing connection (the scope's, see <see cref="RelationalSession"/>).</summary>
    public void Configure(DbContextOptionsBuilder builder, DbConnection connection)
    {
        if (Provider == StorageProvider.Postgres)
        {
            builder.UseNpgsql(connection);
        }
        else
        {
            builder.UseSqlite(connection);
        }
    }
}
