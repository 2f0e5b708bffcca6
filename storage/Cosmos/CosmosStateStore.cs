namespace EngagementBot.Storage.Cosmos;

/// <summary>
/// Conversation state on Cosmos DB: one document per key in the <c>state</c> container (partition key = id),
/// so every read, write and delete is a point operation in its own logical partition. The JSON is kept as a
/// string (byte-exact round trip, nothing indexed). Each document carries <c>ttl</c> (StateTimeToLiveSeconds, or -1 =
/// never), so idle state expires that long after its last write (the container has TTL on; expiry is the service's job).
/// A call with several changes is NOT atomic: changes are applied in order and the first conflict stops the
/// call, earlier changes stay written (each is a complete document, so a retry of the turn is safe).
/// </summary>
internal sealed class CosmosStateStore(CosmosDatabase database) : IStateStore
{
    private const string Kind = "state";

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, StateItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var reads = keys.Distinct(StringComparer.Ordinal).Select(async key =>
        {
            var id = CosmosItems.ToId(key);
            var document = await CosmosItems.ReadAsync(database.State, id, id, cancellationToken);
            return document is null ? null : new StateItem(key, document.Field("json")!, document.ETag);
        });
        var items = await Task.WhenAll(reads);
        return items.Where(i => i is not null).ToDictionary(i => i!.Key, i => i!, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyCollection<StateChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var id = CosmosItems.ToId(change.Key);
            var body = CosmosItems.Envelope<object>(id, id, Kind, null, ("key", change.Key), ("json", change.Json), ("ttl", database.Options.StateDocumentTimeToLive));
            etags[change.Key] = change.IsUnconditional ? await CosmosItems.UpsertAsync(database.State, id, body, cancellationToken)
                : change.IsCreateOnly ? await CosmosItems.CreateAsync(database.State, id, body, Kind, change.Key, cancellationToken)
                : await CosmosItems.ReplaceAsync(database.State, id, id, body, change.ETag!, Kind, change.Key, cancellationToken);
        }

        return etags;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await Task.WhenAll(keys.Distinct(StringComparer.Ordinal).Select(key =>
        {
            var id = CosmosItems.ToId(key);
            return CosmosItems.DeleteAsync(database.State, id, id, null, Kind, key, cancellationToken);
        }));
    }
}

/// <summary>
/// Cosmos DB has no transaction across documents of different partitions (TransactionalBatch is limited to one
/// logical partition and the emulator lacks it), so a turn's unit of work only marks the boundary: every write
/// is durable when its call returns and nothing is rolled back. Each write is idempotent (upserts, conditional
/// replaces, create-or-ignore), so retrying a failed turn converges.
/// </summary>
internal sealed class CosmosUnitOfWork : IStorageUnitOfWork
{
    /// <inheritdoc />
    public Task<IStorageTransaction> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<IStorageTransaction>(new Boundary());

    private sealed class Boundary : IStorageTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
