using System.Collections.Concurrent;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// The conversation references this process has already seen stored, per participant and client, so a returning
/// user's turn does not read the reference again. Keyed by reference and participant id: after an erasure the user
/// comes back as a new participant, misses here, and the reference is stored again; and by the client seen in the
/// conversation (<see cref="ChatClient"/>), so a change of client is written once.
/// Bounded: when full it starts over (a miss only costs one read).
/// </summary>
public sealed class KnownConversationReferences
{
    /// <summary>Most entries kept.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, once per turn that would add up.
    private int _count;

    /// <summary>Whether the reference is known to be stored for this participant, with this client.</summary>
    public bool Contains(string referenceId, string participantId, ChatClient? client) => _known.ContainsKey(Key(referenceId, participantId, client));

    /// <summary>Remembers that the reference is stored for this participant, with this client.</summary>
    public void Add(string referenceId, string participantId, ChatClient? client)
    {
        if (Volatile.Read(ref _count) >= Capacity)
        {
            _known.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        if (_known.TryAdd(Key(referenceId, participantId, client), 0))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private static string Key(string referenceId, string participantId, ChatClient? client) =>
        string.Concat(referenceId, "|", participantId, "|", client?.ToString());
}
