namespace EngagementBot.Storage;

/// <summary>
/// A write lost an optimistic-concurrency race: the stored item's ETag no longer matches the one the
/// writer read (or the item already exists / no longer exists). Every store throws this one type; the
/// caller re-reads and retries or reports the conflict.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception for an item of a kind and key.</summary>
    public ConcurrencyConflictException(string itemKind, string key, string? expectedETag, Exception? innerException = null)
        : base($"The {itemKind} '{key}' was changed by someone else (expected ETag '{expectedETag ?? "<new>"}'). Re-read it and retry.", innerException)
    {
        ItemKind = itemKind;
        Key = key;
        ExpectedETag = expectedETag;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConcurrencyConflictException()
        : this("item", string.Empty, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
        ItemKind = "item";
        Key = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        ItemKind = "item";
        Key = string.Empty;
    }

    /// <summary>Kind of item (e.g. <c>state</c>, <c>project</c>).</summary>
    public string ItemKind { get; }

    /// <summary>Key of the item.</summary>
    public string Key { get; }

    /// <summary>The ETag the writer expected; <see langword="null"/> when it expected to create the item.</summary>
    public string? ExpectedETag { get; }
}
