using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>
/// The behaviour every storage provider must have. A provider's test class derives from this and supplies
/// <see cref="CreateStorageAsync"/> (a fresh, empty, migrated store per test); xunit runs every case below
/// for each provider.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>The test clock (all stores read time from it).</summary>
    internal ManualTimeProvider Clock { get; } = new(StorageHost.Start);

    /// <summary>Whether one WriteAsync call with several changes is all-or-nothing.</summary>
    protected virtual bool StateWritesAreAtomic => true;

    /// <summary>Whether a turn's unit of work is one transaction (false on Cosmos DB: each write is durable at once).</summary>
    protected virtual bool TurnsAreAtomic => true;

    /// <summary>The storage services under test.</summary>
    protected ServiceProvider Services => _services ?? throw new InvalidOperationException("not initialized");

    /// <summary>Creates the provider's storage services on a fresh, empty database.</summary>
    internal abstract Task<ServiceProvider> CreateStorageAsync(ManualTimeProvider clock);

    /// <summary>Releases the provider's database.</summary>
    protected virtual Task DestroyStorageAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => _services = await CreateStorageAsync(Clock);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await DestroyStorageAsync();
    }

    /// <summary>Runs <paramref name="work"/> with a store resolved in a new scope (like one turn).</summary>
    protected async Task<TResult> In<TStore, TResult>(Func<TStore, Task<TResult>> work)
        where TStore : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TStore>());
    }

    /// <summary>Runs <paramref name="work"/> with a store resolved in a new scope (like one turn).</summary>
    protected async Task In<TStore>(Func<TStore, Task> work)
        where TStore : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TStore>());
    }

    private static CancellationToken Ct => CancellationToken.None;

    // ---------------------------------------------------------------- state

    [Fact]
    public async Task State_write_then_read_round_trips_with_an_etag()
    {
        var etags = await In<IStateStore, IReadOnlyDictionary<string, string>>(s => s.WriteAsync([new StateChange("conv/1", """{"step":2,"name":"Éloïse"}""")], Ct));
        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["conv/1", "conv/missing"], Ct));

        Assert.Single(read);
        Assert.Equal("""{"step":2,"name":"Éloïse"}""", read["conv/1"].Json);
        Assert.Equal(etags["conv/1"], read["conv/1"].ETag);
        Assert.False(string.IsNullOrEmpty(read["conv/1"].ETag));
    }

    [Fact]
    public async Task State_read_of_no_keys_or_missing_keys_is_empty()
    {
        Assert.Empty(await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync([], Ct)));
        Assert.Empty(await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["a", "b"], Ct)));
    }

    [Fact]
    public async Task State_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var first = (await In<IStateStore, IReadOnlyDictionary<string, string>>(s => s.WriteAsync([new StateChange("k", "{\"v\":1}")], Ct)))["k"];
        var second = (await In<IStateStore, IReadOnlyDictionary<string, string>>(s => s.WriteAsync([new StateChange("k", "{\"v\":2}", first)], Ct)))["k"];

        Assert.NotEqual(first, second);
        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["k"], Ct));
        Assert.Equal("{\"v\":2}", read["k"].Json);
        Assert.Equal(second, read["k"].ETag);
    }

    [Fact]
    public async Task State_two_writers_with_the_same_etag_one_wins_the_other_gets_a_conflict()
    {
        var etag = (await In<IStateStore, IReadOnlyDictionary<string, string>>(s => s.WriteAsync([new StateChange("k", "{\"v\":0}")], Ct)))["k"];
        await using var scopeA = Services.CreateAsyncScope();
        await using var scopeB = Services.CreateAsyncScope();
        var writerA = scopeA.ServiceProvider.GetRequiredService<IStateStore>();
        var writerB = scopeB.ServiceProvider.GetRequiredService<IStateStore>();

        await writerA.WriteAsync([new StateChange("k", "{\"v\":\"A\"}", etag)], Ct);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => writerB.WriteAsync([new StateChange("k", "{\"v\":\"B\"}", etag)], Ct));

        Assert.Equal("k", conflict.Key);
        Assert.Equal(etag, conflict.ExpectedETag);
        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["k"], Ct));
        Assert.Equal("{\"v\":\"A\"}", read["k"].Json);
    }

    [Fact]
    public async Task State_parallel_writers_with_the_same_etag_exactly_one_wins()
    {
        var etag = (await In<IStateStore, IReadOnlyDictionary<string, string>>(s => s.WriteAsync([new StateChange("k", "{\"v\":0}")], Ct)))["k"];

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await In<IStateStore>(s => s.WriteAsync([new StateChange("k", $"{{\"v\":{i}}}", etag)], Ct));
                return i;
            }
            catch (ConcurrencyConflictException)
            {
                return 0;
            }
        })));

        var winner = Assert.Single(outcomes, o => o != 0);
        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["k"], Ct));
        Assert.Equal($"{{\"v\":{winner}}}", read["k"].Json);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task State_null_or_wildcard_etag_writes_unconditionally(string? etag)
    {
        await In<IStateStore>(s => s.WriteAsync([new StateChange("k", "{\"v\":1}")], Ct));
        await In<IStateStore>(s => s.WriteAsync([new StateChange("k", "{\"v\":1}")], Ct)); // moves the ETag on

        await In<IStateStore>(s => s.WriteAsync([new StateChange("k", "{\"v\":3}", etag)], Ct));
        await In<IStateStore>(s => s.WriteAsync([new StateChange("new-key", "{}", etag)], Ct));

        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["k", "new-key"], Ct));
        Assert.Equal("{\"v\":3}", read["k"].Json);
        Assert.Equal("{}", read["new-key"].Json);
    }

    [Fact]
    public async Task State_parallel_first_writers_of_a_missing_key_exactly_one_creates_it()
    {
        // Each read the key as missing: a create-only write (StateChange.After(null, …)) lets exactly one of them in,
        // the others learn of it instead of overwriting it unseen.
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await In<IStateStore>(s => s.WriteAsync([StateChange.After(null, "fresh", $"{{\"v\":{i}}}")], Ct));
                return i;
            }
            catch (ConcurrencyConflictException)
            {
                return 0;
            }
        })));

        var winner = Assert.Single(outcomes, o => o != 0);
        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["fresh"], Ct));
        Assert.Equal($"{{\"v\":{winner}}}", read["fresh"].Json);

        // Once it exists, a write after reading it goes through on its ETag.
        await In<IStateStore>(s => s.WriteAsync([StateChange.After(read["fresh"], "fresh", "{\"v\":99}")], Ct));
        Assert.Equal("{\"v\":99}", (await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["fresh"], Ct)))["fresh"].Json);
    }

    [Fact]
    public async Task State_conditional_write_of_a_missing_key_is_a_conflict()
    {
        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => In<IStateStore>(s => s.WriteAsync([new StateChange("ghost", "{}", "some-etag")], Ct)));
        Assert.Empty(await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["ghost"], Ct)));
    }

    [Fact]
    public async Task State_write_of_several_items_is_all_or_nothing_when_one_conflicts()
    {
        var etag = (await In<IStateStore, IReadOnlyDictionary<string, string>>(s => s.WriteAsync([new StateChange("a", "{\"v\":1}")], Ct)))["a"];
        await In<IStateStore>(s => s.WriteAsync([new StateChange("a", "{\"v\":2}", etag)], Ct));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IStateStore>(s => s.WriteAsync(
            [new StateChange("b", "{\"v\":1}"), new StateChange("a", "{\"v\":3}", etag)], Ct)));

        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["a", "b"], Ct));
        Assert.Equal("{\"v\":2}", read["a"].Json);

        // Atomic providers wrote nothing; the others (Cosmos DB) applied the changes in order up to the conflict.
        Assert.Equal(!StateWritesAreAtomic, read.ContainsKey("b"));
    }

    [Fact]
    public async Task State_large_documents_round_trip()
    {
        var random = new Random(42);
        var alphabet = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœ 😀\\\"\n".ToCharArray();
        var text = new string(Enumerable.Range(0, 600_000).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        var json = System.Text.Json.JsonSerializer.Serialize(new { history = text, turns = Enumerable.Range(0, 5_000).ToArray() });
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(json) > 1_000_000);

        await In<IStateStore>(s => s.WriteAsync([new StateChange("big", json)], Ct));
        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["big"], Ct));

        Assert.Equal(json, read["big"].Json);
    }

    [Fact]
    public async Task State_delete_removes_keys_and_ignores_missing_ones()
    {
        await In<IStateStore>(s => s.WriteAsync([new StateChange("a", "{}"), new StateChange("b", "{}"), new StateChange("c", "{}")], Ct));

        await In<IStateStore>(s => s.DeleteAsync(["a", "b", "never-there"], Ct));

        var read = await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["a", "b", "c"], Ct));
        Assert.Equal(["c"], read.Keys);
    }

    [Fact]
    public async Task State_deleted_key_cannot_be_written_with_its_old_etag()
    {
        var etag = (await In<IStateStore, IReadOnlyDictionary<string, string>>(s => s.WriteAsync([new StateChange("k", "{}")], Ct)))["k"];
        await In<IStateStore>(s => s.DeleteAsync(["k"], Ct));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IStateStore>(s => s.WriteAsync([new StateChange("k", "{}", etag)], Ct)));
    }

    // ---------------------------------------------------------------- one turn in one transaction

    [Fact]
    public async Task Turn_state_write_and_answer_append_commit_together()
    {
        var response = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Ct));
        await using (var scope = Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            await using var transaction = await sp.GetRequiredService<IStorageUnitOfWork>().BeginAsync(Ct);
            var state = await sp.GetRequiredService<IStateStore>().ReadAsync(["turn"], Ct);
            Assert.Empty(state);
            await sp.GetRequiredService<IStateStore>().WriteAsync([new StateChange("turn", "{\"q\":1}")], Ct);
            await sp.GetRequiredService<IResponseStore>().SaveAnswerAsync(response.Id, new Answer("q1", new YesNoAnswer(true), Clock.GetUtcNow()), null, Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.Single(await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["turn"], Ct)));
        Assert.Single((await In<IResponseStore, Response?>(s => s.GetAsync(response.Id, Ct)))!.Answers);
    }

    [Fact]
    public async Task Turn_without_commit_rolls_back_state_and_answer()
    {
        var response = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Ct));
        await using (var scope = Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            await using var transaction = await sp.GetRequiredService<IStorageUnitOfWork>().BeginAsync(Ct);
            await sp.GetRequiredService<IStateStore>().WriteAsync([new StateChange("turn", "{\"q\":1}")], Ct);
            await sp.GetRequiredService<IResponseStore>().SaveAnswerAsync(response.Id, new Answer("q1", new YesNoAnswer(true), Clock.GetUtcNow()), null, Ct);
        }

        // Transactional providers rolled both back; Cosmos DB has no cross-partition transaction: both writes stayed.
        Assert.Equal(TurnsAreAtomic ? 0 : 1, (await In<IStateStore, IReadOnlyDictionary<string, StateItem>>(s => s.ReadAsync(["turn"], Ct))).Count);
        Assert.Equal(TurnsAreAtomic ? 0 : 1, (await In<IResponseStore, Response?>(s => s.GetAsync(response.Id, Ct)))!.Answers.Count);
    }
}
