using System.Security.Cryptography;
using System.Text;

namespace EngagementBot.Storage.Domain;

/// <summary>Whether proactive messages can currently reach a conversation.</summary>
public enum Reachability
{
    /// <summary>Not tried since the reference was stored.</summary>
    Unknown,

    /// <summary>The last send (or incoming activity) succeeded.</summary>
    Reachable,

    /// <summary>The channel said the user or conversation is gone (e.g. 403/404 from the connector).</summary>
    Unreachable,
}

/// <summary>
/// The program a participant chats through, where one channel carries clients that render differently: on Direct Line,
/// the Web Chat (Adaptive Cards) or another app built on the Direct Line API (a custom app, a kiosk, a voice front end)
/// that may show nothing but text and suggested actions.
/// </summary>
public enum ChatClient
{
    /// <summary>Bot Framework Web Chat.</summary>
    WebChat,

    /// <summary>Any other Direct Line client: not assumed to render Adaptive Cards.</summary>
    GenericDirectLine,
}

/// <summary>What is needed to send a proactive message into a conversation ("continue conversation").</summary>
public sealed record ConversationReferenceRecord
{
    /// <summary>Deterministic id, see <see cref="CreateId"/>.</summary>
    public required string Id { get; init; }

    /// <summary>The participant the conversation belongs to.</summary>
    public required string ParticipantId { get; init; }

    /// <summary>Bot Framework channel id.</summary>
    public required string ChannelId { get; init; }

    /// <summary>Connector service URL to send to.</summary>
    public required Uri ServiceUrl { get; init; }

    /// <summary>Conversation id.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Conversation type (<c>personal</c>, <c>channel</c>, <c>groupChat</c>), when given.</summary>
    public string? ConversationType { get; init; }

    /// <summary>Tenant id (Teams), when given.</summary>
    public string? TenantId { get; init; }

    /// <summary>The user's channel id.</summary>
    public required string UserId { get; init; }

    /// <summary>The user's Entra object id (Teams), when given.</summary>
    public string? AadObjectId { get; init; }

    /// <summary>The bot's id on the channel (recipient of the user's messages).</summary>
    public required string BotId { get; init; }

    /// <summary>The locale last seen in the conversation.</summary>
    public string? Locale { get; init; }

    /// <summary>When the conversation was last confirmed to work (incoming activity or successful send).</summary>
    public required DateTimeOffset LastConfirmedAt { get; init; }

    /// <summary>Whether proactive messages can reach it.</summary>
    public Reachability Reachability { get; init; } = Reachability.Unknown;

    /// <summary>
    /// The client the conversation was last seen through, where the channel alone does not say how messages render
    /// (Direct Line); <see langword="null"/> on other channels and for references stored before it was recorded.
    /// </summary>
    public ChatClient? Client { get; init; }

    /// <summary>
    /// The IANA time zone the client last reported (<c>localTimezone</c> of its activities, e.g. <c>Europe/Paris</c>),
    /// so quiet hours follow the participant's own clock; <see langword="null"/> when the client never said.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>Optimistic-concurrency tag; <see langword="null"/> for a record never saved.</summary>
    public string? ETag { get; init; }

    /// <summary>A stable id for a (channel, conversation, user) triple, short enough for any store key.</summary>
    public static string CreateId(string channelId, string conversationId, string userId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}\n{conversationId}\n{userId}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
