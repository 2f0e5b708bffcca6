using System.Data;
using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace EngagementBot.Storage.Tests.Relational;

/// <summary>The per-scope connection and transaction of the relational stores (SQLite file).</summary>
public sealed class RelationalSessionTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ServiceProvider? _services;

    private ServiceProvider Services => _services!;

    private RelationalDatabase Database => Services.GetRequiredService<RelationalDatabase>();

    public async Task InitializeAsync() =>
        _services = await StorageHost.StartAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path }, TimeProvider.System);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_scope_keeps_one_open_connection_and_gives_it_back_to_the_next_scope()
    {
        System.Data.Common.DbConnection first;
        await using (var scope = Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<RelationalSession>();
            first = session.Connection;

            await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{}")], CancellationToken.None);
            Assert.Equal(ConnectionState.Open, session.Connection.State);
            await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("nope", CancellationToken.None);

            await using (var transaction = await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None))
            {
                // SQLite transactions are deferred to the first write: reads before it do not take the writer gate.
                await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["k"], CancellationToken.None);
                Assert.Equal(1, Database.SqliteWriterGate!.CurrentCount);

                await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{\"a\":1}")], CancellationToken.None);
                Assert.Equal(0, Database.SqliteWriterGate.CurrentCount);
                await transaction.CommitAsync(CancellationToken.None);
            }

            Assert.Equal(1, Database.SqliteWriterGate.CurrentCount);
            Assert.Equal(ConnectionState.Open, session.Connection.State);
        }

        // The next scope gets the same open connection (settings applied and statements prepared once), and it
        // sees what the first scope committed.
        await using (var scope = Services.CreateAsyncScope())
        {
            Assert.Same(first, scope.ServiceProvider.GetRequiredService<RelationalSession>().Connection);
            var read = await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["k"], CancellationToken.None);
            Assert.Equal("{\"a\":1}", read["k"].Json);
        }
    }

    [Fact]
    public async Task A_scope_that_ends_inside_a_transaction_rolls_it_back_before_its_connection_serves_another_scope()
    {
        System.Data.Common.DbConnection used;
        await using (var scope = Services.CreateAsyncScope())
        {
            used = scope.ServiceProvider.GetRequiredService<RelationalSession>().Connection;
            var transaction = await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("lost", "{}")], CancellationToken.None);
            _ = transaction; // never committed nor disposed: the scope's end rolls it back
        }

        Assert.Equal(1, Database.SqliteWriterGate!.CurrentCount);
        await using (var scope = Services.CreateAsyncScope())
        {
            Assert.Same(used, scope.ServiceProvider.GetRequiredService<RelationalSession>().Connection);
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["lost"], CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_unit_of_work_that_only_reads_never_takes_the_writer_gate_and_one_that_writes_holds_it_until_commit()
    {
        var gate = Database.SqliteWriterGate!;
        await using var writer = Services.CreateAsyncScope();
        await using var reader = Services.CreateAsyncScope();
        await using var writing = await writer.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
        await writer.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("w", "{}")], CancellationToken.None);
        Assert.Equal(0, gate.CurrentCount);

        // Another turn that only reads goes through while the writer holds the gate, and sees committed data only.
        await using (var reading = await reader.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None))
        {
            Assert.Empty(await reader.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["w"], CancellationToken.None));
            await reading.CommitAsync(CancellationToken.None);
        }

        await writing.CommitAsync(CancellationToken.None);
        Assert.Equal(1, gate.CurrentCount);
        Assert.Single(await reader.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["w"], CancellationToken.None));
    }

    [Fact]
    public async Task Transaction_spans_ef_and_plain_sql_stores_and_rolls_back_on_dispose()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IProjectStore>().SaveAsync(Conformance.StoreConformanceTests.SampleProject("parc"), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{}")], CancellationToken.None);
        }

        await using var check = Services.CreateAsyncScope();
        Assert.Null(await check.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc", CancellationToken.None));
        Assert.Empty(await check.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["k"], CancellationToken.None));
    }

    [Fact]
    public async Task Synchronous_scope_disposal_rolls_back_an_open_transaction()
    {
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{}")], CancellationToken.None);
        }

        await using var check = Services.CreateAsyncScope();
        Assert.Empty(await check.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["k"], CancellationToken.None));
    }

    [Fact]
    public async Task Scope_disposed_with_an_open_transaction_after_ef_work_rolls_back_without_error()
    {
        var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<IProjectStore>().SaveAsync(Conformance.StoreConformanceTests.SampleProject("parc"), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{}")], CancellationToken.None);

        await scope.DisposeAsync();

        await using var check = Services.CreateAsyncScope();
        Assert.Null(await check.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc", CancellationToken.None));
        Assert.Empty(await check.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["k"], CancellationToken.None));
    }

    [Fact]
    public async Task A_second_transaction_in_the_same_scope_is_refused()
    {
        await using var scope = Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>();
        await using var first = await unitOfWork.BeginAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => unitOfWork.BeginAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_conflict_inside_a_turn_leaves_nothing_of_the_turn()
    {
        var etag = await WriteAsync("k", "{\"v\":1}", null);
        await WriteAsync("k", "{\"v\":2}", etag);

        await using (var scope = Services.CreateAsyncScope())
        {
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            var responses = scope.ServiceProvider.GetRequiredService<IResponseStore>();
            var response = await responses.StartAsync("p1", "c1", CancellationToken.None);
            await responses.SaveAnswerAsync(response.Id, new Answer("q1", new YesNoAnswer(true), DateTimeOffset.UtcNow), null, CancellationToken.None);
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{\"v\":3}", etag)], CancellationToken.None));
        }

        await using var check = Services.CreateAsyncScope();
        Assert.Null(await check.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync("p1", "c1", CancellationToken.None));
    }

    [Fact]
    public async Task After_this_process_writes_a_read_on_the_writer_connection_finds_its_pages_cached_where_another_connection_reads_them_again()
    {
        var gate = Database.SqliteWriterGate!;
        var etag = await WriteAsync("k", "{\"v\":1}", null);
        await ReadAsync("k");

        await using var scope = Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<RelationalSession>();
        var own = (SqliteConnection)session.Connection;
        var state = scope.ServiceProvider.GetRequiredService<IStateStore>();

        // While the gate is taken, a read does not wait: it runs on the scope's own connection.
        await gate.WaitAsync();
        Assert.Single(await state.ReadAsync(["k"], CancellationToken.None));
        gate.Release();
        var ownMisses = CacheMisses(own);
        var writerMisses = CacheMisses(Database.WriterConnection);

        etag = await WriteAsync("k", "{\"v\":2}", etag);
        Assert.Equal("{\"v\":2}", await ReadAsync("k"));

        // The writer connection wrote and then read without going back to the file…
        Assert.Equal(writerMisses, CacheMisses(Database.WriterConnection));

        // …while SQLite emptied the other connection's cache because someone else wrote.
        await gate.WaitAsync();
        Assert.Equal("{\"v\":2}", (await state.ReadAsync(["k"], CancellationToken.None))["k"].Json);
        gate.Release();
        Assert.True(CacheMisses(own) > ownMisses);
        Assert.Equal(1, gate.CurrentCount);
    }

    [Fact]
    public async Task A_read_holds_the_writer_connection_only_while_it_runs()
    {
        await WriteAsync("k", "{}", null);
        await using var scope = Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<RelationalSession>();

        await using (await session.OpenAsync(CancellationToken.None))
        {
            Assert.True(session.OnWriterConnection);
            Assert.Equal(0, Database.SqliteWriterGate!.CurrentCount);
            Assert.Single(await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["k"], CancellationToken.None));
        }

        Assert.False(session.OnWriterConnection);
        Assert.Equal(1, Database.SqliteWriterGate.CurrentCount);
    }

    [Fact]
    public async Task A_write_begun_inside_a_read_keeps_the_writer_connection_until_both_end()
    {
        await using var scope = Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<RelationalSession>();
        var gate = Database.SqliteWriterGate!;

        await using (await session.OpenAsync(CancellationToken.None))
        {
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{}")], CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IProjectStore>().SaveAsync(Conformance.StoreConformanceTests.SampleProject("parc"), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            Assert.True(session.OnWriterConnection);
            Assert.Equal(0, gate.CurrentCount);
        }

        Assert.Equal(1, gate.CurrentCount);
        Assert.Equal("{}", await ReadAsync("k"));
        await using var check = Services.CreateAsyncScope();
        Assert.NotNull(await check.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc", CancellationToken.None));
    }

    [Fact]
    public async Task Plain_and_ef_writes_in_either_order_share_one_transaction()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            // Plain SQL first (the transaction starts on the writer connection), then EF Core, then a rollback.
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{}")], CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IProjectStore>().SaveAsync(Conformance.StoreConformanceTests.SampleProject("parc"), CancellationToken.None);
        }

        await using (var check = Services.CreateAsyncScope())
        {
            Assert.Null(await check.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc", CancellationToken.None));
            Assert.Empty(await check.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["k"], CancellationToken.None));
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            // EF Core first: its context already lives on the scope's own connection, so the transaction stays there.
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc", CancellationToken.None));
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IProjectStore>().SaveAsync(Conformance.StoreConformanceTests.SampleProject("parc"), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange("k", "{}")], CancellationToken.None);
            Assert.False(scope.ServiceProvider.GetRequiredService<RelationalSession>().OnWriterConnection);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await using var after = Services.CreateAsyncScope();
        Assert.NotNull(await after.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc", CancellationToken.None));
        Assert.Equal("{}", await ReadAsync("k"));
        Assert.Equal(1, Database.SqliteWriterGate!.CurrentCount);
    }

    private static int CacheMisses(SqliteConnection connection)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_MISS, out var misses, out _, 0));
        return misses;
    }

    private async Task<string?> ReadAsync(string key)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync([key], CancellationToken.None)).GetValueOrDefault(key)?.Json;
    }

    private async Task<string> WriteAsync(string key, string json, string? etag)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange(key, json, etag)], CancellationToken.None))[key];
    }
}
