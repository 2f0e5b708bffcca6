using System.Collections.Concurrent;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// The conversation references this process has already seen stored, per participant, so a returning user's
/// turn does not read the reference again. Keyed by reference and participant id: after an erasure the user
/// comes back as a new participant, misses here, and the reference is stored again. Bounded: when full it
/// starts over (a miss only costs one read).
/// </summary>
public sealed class KnownConversationReferences
{
    /// <summary>Most entries kept.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    /// <summary>Whether the reference is known to be stored for this participant.</summary>
    public bool Contains(string referenceId, string participantId) => _known.ContainsKey(Key(referenceId, participantId));

    /// <summary>Remembers that the reference is stored for this participant.</summary>
    public void Add(string referenceId, string participantId)
    {
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known.TryAdd(Key(referenceId, participantId), 0);
    }

    private static string Key(string referenceId, string participantId) => string.Concat(referenceId, "|", participantId);
}
