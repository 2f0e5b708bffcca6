using System.Collections.Concurrent;

namespace EngagementBot.Storage.Cosmos;

/// <summary>Where a document lives: its partition key value and id in the items container.</summary>
/// <param name="Partition">The partition key value.</param>
/// <param name="DocumentId">The document id inside the partition.</param>
internal sealed record CosmosLocation(string Partition, string DocumentId);

/// <summary>
/// Caches lookup documents (entity id → location). A location never changes for an id (a moved document,
/// e.g. an anonymised response, gets a new id), so a cached entry is never wrong, at worst it points to a
/// deleted document, which reads as missing. Bounded: cleared when it grows past its capacity.
/// </summary>
internal sealed class CosmosLookupCache
{
    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, CosmosLocation> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached location of a lookup id.</summary>
    public bool TryGet(string lookupId, out CosmosLocation location) => _entries.TryGetValue(lookupId, out location!);

    /// <summary>Remembers a location.</summary>
    public void Set(string lookupId, CosmosLocation location)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[lookupId] = location;
    }

    /// <summary>Forgets a lookup (its document was deleted).</summary>
    public void Remove(string lookupId) => _entries.TryRemove(lookupId, out _);
}
