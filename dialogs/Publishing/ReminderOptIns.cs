using System.Text.Json;
using EngagementBot.Storage;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// Participants who asked to be reminded of a key date: one small document per key date in the state store
/// (<c>publishing:reminders:{project}:{key date}</c>, participant ids only), updated with its ETag — created with a
/// create-only write — so concurrent opt-ins are all kept.
/// </summary>
public sealed class ReminderOptIns(IStateStore state)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The state key of a key date's opt-ins.</summary>
    public static string Key(string projectSlug, string keyDateId) => $"publishing:reminders:{projectSlug}:{keyDateId}";

    /// <summary>Adds the participant (idempotent).</summary>
    public async Task AddAsync(string projectSlug, string keyDateId, string participantId, CancellationToken cancellationToken)
    {
        var key = Key(projectSlug, keyDateId);
        for (var attempt = 0; ; attempt++)
        {
            var items = await state.ReadAsync([key], cancellationToken);
            var current = items.TryGetValue(key, out var item) ? Read(item.Json) : [];
            if (current.Contains(participantId, StringComparer.Ordinal))
            {
                return;
            }

            try
            {
                await state.WriteAsync([StateChange.After(item, key, Write([.. current, participantId]))], cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                // Someone else opted in at the same moment: read again.
            }
        }
    }

    /// <summary>The participant ids that asked for a reminder of the key date.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string projectSlug, string keyDateId, CancellationToken cancellationToken)
    {
        var key = Key(projectSlug, keyDateId);
        var items = await state.ReadAsync([key], cancellationToken);
        return items.TryGetValue(key, out var item) ? Read(item.Json) : [];
    }

    /// <summary>Of the documents at <paramref name="keys"/>, those that hold the participant.</summary>
    public async Task<IReadOnlyList<string>> KeysHoldingAsync(IReadOnlyCollection<string> keys, string participantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        IReadOnlyDictionary<string, StateItem> items = keys.Count == 0 ? new Dictionary<string, StateItem>() : await state.ReadAsync([.. keys], cancellationToken);
        return [.. items.Where(i => Read(i.Value.Json).Contains(participantId, StringComparer.Ordinal)).Select(i => i.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>Removes the participant from the documents at <paramref name="keys"/>; returns from how many.</summary>
    public async Task<int> RemoveAsync(IReadOnlyCollection<string> keys, string participantId, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var key in await KeysHoldingAsync(keys, participantId, cancellationToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                var items = await state.ReadAsync([key], cancellationToken);
                if (!items.TryGetValue(key, out var item) || Read(item.Json) is not { } current || !current.Remove(participantId))
                {
                    break;
                }

                try
                {
                    await state.WriteAsync([StateChange.After(item, key, Write(current))], cancellationToken);
                    removed++;
                    break;
                }
                catch (ConcurrencyConflictException) when (attempt < 5)
                {
                    // Someone opted in at the same moment: read again.
                }
            }
        }

        return removed;
    }

    private static List<string> Read(string json) => JsonSerializer.Deserialize<Document>(json, Json)?.Participants ?? [];

    private static string Write(List<string> participants) => JsonSerializer.Serialize(new Document { Participants = participants }, Json);

    private sealed class Document
    {
        public List<string> Participants { get; set; } = [];
    }
}
