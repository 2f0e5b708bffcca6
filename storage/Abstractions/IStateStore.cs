namespace EngagementBot.Storage;

/// <summary>A stored conversation/dialog state document.</summary>
/// <param name="Key">The key (e.g. <c>msteams/conversations/{id}/users/{id}</c>).</param>
/// <param name="Json">The JSON document.</param>
/// <param name="ETag">The ETag of the stored version.</param>
public sealed record StateItem(string Key, string Json, string ETag);

/// <summary>A state write.</summary>
/// <param name="Key">The key.</param>
/// <param name="Json">The JSON document to store.</param>
/// <param name="ETag">
/// <see langword="null"/> or <c>*</c>: write unconditionally (last writer wins, creates if missing);
/// <see cref="NewItemETag"/> (empty): create only — the item must not exist (it was missing when read), else
/// <see cref="ConcurrencyConflictException"/>;
/// any other value: write only if the stored ETag equals it (a missing item never matches: it was deleted
/// since it was read), else <see cref="ConcurrencyConflictException"/>.
/// </param>
public sealed record StateChange(string Key, string Json, string? ETag = null)
{
    /// <summary>The ETag value meaning "any version" (unconditional write).</summary>
    public const string AnyETag = "*";

    /// <summary>The ETag value meaning "no item yet" (create-only write): what a read-modify-write passes for a missing item.</summary>
    public const string NewItemETag = "";

    /// <summary>Whether the write is unconditional.</summary>
    public bool IsUnconditional => ETag is null or AnyETag;

    /// <summary>Whether the write only creates the item.</summary>
    public bool IsCreateOnly => ETag is NewItemETag;

    /// <summary>
    /// A write conditional on what was read: on <paramref name="read"/>'s ETag, or create-only when the item was
    /// missing (<see langword="null"/>), so that a concurrent writer's change is never overwritten unseen.
    /// </summary>
    public static StateChange After(StateItem? read, string key, string json) => new(key, json, read?.ETag ?? NewItemETag);
}

/// <summary>
/// Conversation/dialog state with Bot Builder <c>IStorage</c> semantics: read many, write many with
/// optimistic concurrency (ETag, <c>*</c> wildcard), delete. Writes of one call are atomic where the
/// provider allows it (relational: one transaction).
/// </summary>
public interface IStateStore
{
    /// <summary>Reads the items that exist among <paramref name="keys"/> (missing keys are absent from the result).</summary>
    Task<IReadOnlyDictionary<string, StateItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Writes the changes and returns the new ETag of each key.</summary>
    /// <exception cref="ConcurrencyConflictException">A conditional write found another ETag (or no item).</exception>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyCollection<StateChange> changes, CancellationToken cancellationToken);

    /// <summary>Deletes the keys (missing keys are ignored).</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
