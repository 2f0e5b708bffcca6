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

    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, once per turn that would add up.
    private int _count;

    /// <summary>Whether the reference is known to be stored for this participant.</summary>
    public bool Contains(string referenceId, string participantId) => _known.ContainsKey(Key(referenceId, participantId));

    /// <summary>Remembers that the reference is stored for this participant.</summary>
    public void Add(string referenceId, string participantId)
    {
        if (Volatile.Read(ref _count) >= Capacity)
        {
            _known.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        if (_known.TryAdd(Key(referenceId, participantId), 0))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private static string Key(string referenceId, string participantId) => string.Concat(referenceId, "|", participantId);
}
