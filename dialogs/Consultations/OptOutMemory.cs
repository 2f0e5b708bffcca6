using System.Text.Json;
using System.Text.Json.Serialization;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Consultations;

/// <summary>
/// Remembers what a participant unsubscribed from, so that "start" / "abonner" can give them back exactly what they
/// had. Kept in the participant's user state (<see cref="StateKeys.User"/>), which erasure deletes and export shows.
/// </summary>
public sealed class OptOutMemory(IStateStore state, TimeProvider timeProvider)
{
    /// <summary>Adds <paramref name="stopped"/> to what the participant unsubscribed from.</summary>
    public async Task RememberAsync(Participant participant, IEnumerable<Subscription> stopped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var key = Key(participant);
        var items = await state.ReadAsync([key], cancellationToken);
        var current = items.TryGetValue(key, out var item) ? Read(item.Json) : [];
        var merged = current.ToDictionary(s => s.ProjectSlug, s => s.Topics, StringComparer.Ordinal);
        foreach (var subscription in stopped)
        {
            merged[subscription.ProjectSlug] = merged.GetValueOrDefault(subscription.ProjectSlug) | subscription.Topics;
        }

        if (merged.Count == 0)
        {
            return;
        }

        var document = new OptOutDocument(timeProvider.GetUtcNow(), [.. merged.Select(p => new OptOutSubscription(p.Key, (int)p.Value))]);
        await state.WriteAsync([StateChange.After(item, key, JsonSerializer.Serialize(document, OptOutJsonContext.Default.OptOutDocument))], cancellationToken);
    }

    /// <summary>What the participant unsubscribed from (empty if nothing is remembered).</summary>
    public async Task<IReadOnlyList<Subscription>> RecallAsync(Participant participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var key = Key(participant);
        var items = await state.ReadAsync([key], cancellationToken);
        return items.TryGetValue(key, out var item) ? Read(item.Json) : [];
    }

    /// <summary>Forgets what the participant unsubscribed from (they subscribed again).</summary>
    public Task ForgetAsync(Participant participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return state.DeleteAsync([Key(participant)], cancellationToken);
    }

    private static string Key(Participant participant) => StateKeys.User(participant.ChannelId, participant.UserId);

    private static List<Subscription> Read(string json)
    {
        try
        {
            var document = JsonSerializer.Deserialize(json, OptOutJsonContext.Default.OptOutDocument);
            return document?.Stopped?.Where(s => !string.IsNullOrEmpty(s.ProjectSlug))
                .Select(s => new Subscription(s.ProjectSlug, (SubscriptionTopics)s.Topics & (SubscriptionTopics.All | SubscriptionTopics.Reminders)))
                .Where(s => s.Topics != SubscriptionTopics.None)
                .ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>The user-state document of an opt-out.</summary>
/// <param name="OptedOutAt">When the participant last unsubscribed.</param>
/// <param name="Stopped">What they unsubscribed from.</param>
internal sealed record OptOutDocument(DateTimeOffset OptedOutAt, List<OptOutSubscription> Stopped);

/// <summary>One project's topics in an opt-out document.</summary>
/// <param name="ProjectSlug">The project.</param>
/// <param name="Topics">The <see cref="SubscriptionTopics"/> flags.</param>
internal sealed record OptOutSubscription(string ProjectSlug, int Topics);

/// <summary>Source-generated JSON for <see cref="OptOutDocument"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OptOutDocument))]
internal sealed partial class OptOutJsonContext : JsonSerializerContext;
