namespace EngagementBot.Dialogs.Runtime;

/// <summary>What the user sent in one turn, independent of any channel's wire format.</summary>
/// <param name="ConversationKey">Stable key of the conversation (channel and conversation id), used for the dialog state.</param>
/// <param name="ParticipantId">The participant who sent it: stored, or the id they get when first stored (<see cref="Newcomer"/>).</param>
/// <param name="Text">What the user typed, if anything.</param>
/// <param name="Values">Values of a card submit (e.g. <c>answer</c>), if any.</param>
/// <param name="Language">The language to answer in (<c>fr</c> or <c>en</c>) before any switch this turn.</param>
/// <param name="Capabilities">What the channel can show.</param>
public sealed record DialogInput(
    string ConversationKey,
    string ParticipantId,
    string? Text,
    IReadOnlyDictionary<string, string>? Values,
    string Language,
    ChannelCapabilities Capabilities)
{
    /// <summary>Who sent it (channel identity, Entra object id); decides staff access.</summary>
    public SenderIdentity Sender { get; init; } = SenderIdentity.Unknown;

    /// <summary>
    /// The conversation reference of this conversation (for replies sent later), if the activity gave one. For a
    /// <see cref="Newcomer"/> it is stored only with them (<see cref="ParticipantEnrollment.EnsureStoredAsync"/>).
    /// </summary>
    public string? ConversationReferenceId { get; init; }

    /// <summary>A sender the store does not know yet (nothing is stored until the conversation needs it), else null.</summary>
    public Newcomer? Newcomer { get; init; }

    /// <summary>The answer the user gave: the typed text, else a card's <c>answer</c>/<c>text</c>/<c>verb</c> value.</summary>
    public string AnswerText
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Text))
            {
                return Text.Trim();
            }

            foreach (var name in (string[])["answer", "text", "verb", "choice"])
            {
                if (Values is not null && Values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }

            return string.Empty;
        }
    }
}

/// <summary>What the channel can render (decided by the host from the channel id).</summary>
/// <param name="Cards">Adaptive Cards render natively.</param>
/// <param name="MaxSuggestedActions">Most suggested-action buttons the channel shows (0 = none).</param>
public sealed record ChannelCapabilities(bool Cards, int MaxSuggestedActions)
{
    /// <summary>Plain text only (SMS, email).</summary>
    public static ChannelCapabilities TextOnly { get; } = new(false, 0);
}
