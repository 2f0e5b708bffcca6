using System.Collections.Concurrent;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// The conversation references this process has already seen stored, per participant, client and time zone, so a
/// returning user's turn does not read the reference again. Keyed by reference and participant id: after an erasure
/// the user comes back as a new participant, misses here, and the reference is stored again; and by the client seen in
/// the conversation (<see cref="ChatClient"/>) and the time zone it reports, so a change of either is written once.
/// Bounded: when full it starts over (a miss only costs one read).
/// </summary>
public sealed class KnownConversationReferences
{
    /// <summary>Most entries kept.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, once per turn that would add up.
    private int _count;

    /// <summary>
    /// Whether the reference, as this turn reports it (participant, client, time zone), is known to be stored that way.
    /// </summary>
    public bool Contains(ConversationReferenceRecord reported) => _known.ContainsKey(Key(reported));

    /// <summary>Remembers that the reference, as this turn reports it, is stored.</summary>
    public void Add(ConversationReferenceRecord reported)
    {
        if (Volatile.Read(ref _count) >= Capacity)
        {
            _known.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        if (_known.TryAdd(Key(reported), 0))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private static string Key(ConversationReferenceRecord reported) =>
        string.Concat(reported.Id, "|", reported.ParticipantId, "|", reported.Client?.ToString(), "|", reported.TimeZone);
}
