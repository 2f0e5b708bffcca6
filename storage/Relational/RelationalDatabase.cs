using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementBot.Storage.Relational;

/// <summary>The resolved database target: provider and connection string, computed once per process.</summary>
internal sealed class RelationalDatabase
{
    private RelationalDatabase(StorageProvider provider, string connectionString, int busyTimeoutSeconds, string? sqliteFilePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        BusyTimeoutSeconds = busyTimeoutSeconds;
        SqliteFilePath = sqliteFilePath;
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public int BusyTimeoutSeconds { get; }

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

    /// <summary>Configures a context builder for this database.</summary>
    public void Configure(DbContextOptionsBuilder builder)
    {
        if (Provider == StorageProvider.Postgres)
        {
            builder.UseNpgsql(ConnectionString);
        }
        else
        {
            builder.UseSqlite(ConnectionString);
            builder.AddInterceptors(new SqliteConnectionTuning(BusyTimeoutSeconds));
        }
    }
}

/// <summary>
/// Per-connection SQLite settings applied on every open: <c>busy_timeout</c> (wait for the write lock
/// instead of failing at once) and <c>synchronous=NORMAL</c> (with WAL: durable across application
/// crashes, one fsync per checkpoint instead of per commit). WAL itself is persistent in the file and is
/// switched on once by the schema migrator.
/// </summary>
internal sealed class SqliteConnectionTuning(int busyTimeoutSeconds) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA busy_timeout = {busyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}

/// <summary>EF Core transactions behind <see cref="IStorageUnitOfWork"/>; stores of the same scope share the context and enlist.</summary>
internal sealed class RelationalUnitOfWork(EngagementDbContext db) : IStorageUnitOfWork
{
    /// <inheritdoc />
    public async Task<IStorageTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return new Transaction(db, transaction);
    }

    private sealed class Transaction(EngagementDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) : IStorageTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            db.ChangeTracker.Clear();
        }
    }
}
