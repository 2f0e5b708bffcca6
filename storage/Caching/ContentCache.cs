using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage.Caching;

/// <summary>
/// Projects and consultations as last read, for the whole process. Every turn of a consultation needs the
/// consultation (and "start" every project's consultations), but content changes only when staff import or
/// publish: reading and deserialising the same documents on every message would dominate the turn.
/// A write through this process clears the cache at once; a write by another process (a second instance, the
/// <c>import</c> command) shows within <see cref="StorageOptions.ContentCacheDuration"/>.
/// </summary>
internal sealed class ContentCache(TimeProvider timeProvider, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    private TimeSpan Duration => options.Value.ContentCacheDuration;

    /// <summary>The cached value of <paramref name="key"/>, or what <paramref name="load"/> reads (then kept).</summary>
    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load)
    {
        var now = timeProvider.GetUtcNow();
        if (Duration > TimeSpan.Zero && _entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return (T)entry.Value!;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await load();
        if (Duration > TimeSpan.Zero && Interlocked.Read(ref _generation) == generation)
        {
            // Not kept when a write cleared the cache while it was read: the value may predate that write.
            _entries[key] = new Entry(value, now + Duration);
        }

        return value;
    }

    /// <summary>Forgets everything (content was written).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(object? Value, DateTimeOffset Expires);
}
