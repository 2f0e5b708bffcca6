using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>What happened to a proactive send.</summary>
public enum ProactiveSendOutcome
{
    /// <summary>The channel accepted every reply.</summary>
    Sent,

    /// <summary>The user blocked or removed the bot (403): do not retry; the reference is marked unreachable.</summary>
    Unreachable,

    /// <summary>No stored conversation reference has this id (e.g. the participant's data was erased).</summary>
    UnknownConversation,
}

/// <summary>
/// Sends dialog replies into a conversation the bot stored earlier (a staff answer, news, results, a reminder),
/// rendered for that conversation's channel and in the given language. Transient failures throw once the
/// connector's own retries are spent, so callers with a durable outbox can try again later.
/// </summary>
public interface IProactiveMessenger
{
    /// <summary>Sends <paramref name="replies"/> into the conversation of <paramref name="conversationReferenceId"/>.</summary>
    Task<ProactiveSendOutcome> SendAsync(string conversationReferenceId, IReadOnlyList<DialogReply> replies, string language, CancellationToken cancellationToken);

    /// <summary>Sends into a conversation reference the caller has just read (saves reading it again).</summary>
    Task<ProactiveSendOutcome> SendAsync(ConversationReferenceRecord reference, IReadOnlyList<DialogReply> replies, string language, CancellationToken cancellationToken) =>
        SendAsync(reference?.Id ?? throw new ArgumentNullException(nameof(reference)), replies, language, cancellationToken);
}
