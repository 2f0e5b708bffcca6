using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// The in-memory conversations of the embedded Direct Line, bounded by
/// <see cref="DirectLineOptions.MaxConversations"/> and forgotten after
/// <see cref="DirectLineOptions.IdleExpiryMinutes"/> without traffic (checked on access and by
/// <see cref="DirectLineExpirySweeper"/>).
/// </summary>
internal sealed class DirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly object _createGate = new();
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<DirectLineOptions> _options;

    public DirectLineConversationStore(TimeProvider timeProvider, IOptions<DirectLineOptions> options)
    {
        _timeProvider = timeProvider;
        _options = options;
    }

    public int Count => _conversations.Count;

    /// <summary>A new unguessable conversation id (128 random bits).</summary>
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The live conversation with this id (touched), or null when unknown or idle-expired.</summary>
    public DirectLineConversation? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow();
        if (IsExpired(conversation, now))
        {
            Evict(conversation);
            return null;
        }

        conversation.Touch(now);
        return conversation;
    }

    /// <summary>Starts the conversation with this id, or returns the running one.</summary>
    public DirectLineStartResult Start(string conversationId)
    {
        if (Find(conversationId) is { } existing)
        {
            return new DirectLineStartResult(existing, Created: false);
        }

        lock (_createGate)
        {
            if (_conversations.TryGetValue(conversationId, out existing))
            {
                return new DirectLineStartResult(existing, Created: false);
            }

            if (_conversations.Count >= _options.Value.MaxConversations && RemoveExpired() == 0)
            {
                return new DirectLineStartResult(null, Created: false);
            }

            var conversation = new DirectLineConversation(conversationId, _options.Value.MaxHistory, _timeProvider.GetUtcNow());
            _conversations[conversationId] = conversation;
            return new DirectLineStartResult(conversation, Created: true);
        }
    }

    /// <summary>Forgets every conversation idle for longer than the expiry; returns how many.</summary>
    public int RemoveExpired()
    {
        var now = _timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var conversation in _conversations.Values)
        {
            if (IsExpired(conversation, now) && Evict(conversation))
            {
                removed++;
            }
        }

        return removed;
    }

    private bool IsExpired(DirectLineConversation conversation, DateTimeOffset now) =>
        !conversation.HasSubscriber && now - conversation.LastTouched > _options.Value.IdleExpiry;

    private bool Evict(DirectLineConversation conversation)
    {
        if (_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
        {
            conversation.Close();
            return true;
        }

        return false;
    }
}

/// <summary>Result of <see cref="DirectLineConversationStore.Start"/>: null conversation when the cap is reached.</summary>
internal sealed record DirectLineStartResult(DirectLineConversation? Conversation, bool Created);
