using System.Collections.Concurrent;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// Projects and consultations read while composing notifications, kept for a short time (30 s) for the whole
/// process: the dispatcher composes one message per recipient in its own scope, and reading the same project
/// document for each of 100,000 recipients would dominate the send. A change made by staff shows within the TTL.
/// </summary>
public sealed class PublishingContentCache(TimeProvider timeProvider)
{
    /// <summary>How long an entry is used.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Project? Value, DateTimeOffset Expires)> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Consultation? Value, DateTimeOffset Expires)> _consultations = new(StringComparer.Ordinal);

    /// <summary>The project, from the cache or <paramref name="load"/>.</summary>
    public Task<Project?> ProjectAsync(string slug, Func<Task<Project?>> load) => GetAsync(_projects, slug, load);

    /// <summary>The consultation, from the cache or <paramref name="load"/>.</summary>
    public Task<Consultation?> ConsultationAsync(string id, Func<Task<Consultation?>> load) => GetAsync(_consultations, id, load);

    private async Task<T?> GetAsync<T>(ConcurrentDictionary<string, (T? Value, DateTimeOffset Expires)> entries, string key, Func<Task<T?>> load)
        where T : class
    {
        var now = timeProvider.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Value;
        }

        var value = await load();
        entries[key] = (value, now + TimeToLive);
        return value;
    }
}
