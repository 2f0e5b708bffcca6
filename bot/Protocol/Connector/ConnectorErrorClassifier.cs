using System.Net;

namespace EngagementBot.Bot.Protocol.Connector;

/// <summary>
/// Decides which connector errors mean "this recipient cannot be reached any more" (mark the conversation
/// reference unreachable, never retry) as opposed to a failure of the bot or the service.
/// Only these error codes, and only with HTTP 403 or 404, count:
/// <list type="bullet">
/// <item><c>MessageWritesBlocked</c> — the user blocked the bot (Bot Framework, Teams).</item>
/// <item><c>ConversationBlockedByUser</c> — Teams: the user blocked the conversation with the bot.</item>
/// <item><c>BotDisabledByAdmin</c> — Teams: the tenant admin blocked the app for this user.</item>
/// <item><c>BotNotInConversationRoster</c> — Teams: the bot was removed/uninstalled from the conversation.</item>
/// <item><c>ConversationNotFound</c> — the conversation no longer exists (deleted, app uninstalled).</item>
/// </list>
/// A bare 403/404 without one of these codes (e.g. a token the connector rejects, an unknown activity id on
/// update/delete) is a plain <see cref="ConnectorException"/>: it usually points at the bot's own
/// configuration, and must not mark every user unreachable.
/// </summary>
public static class ConnectorErrorClassifier
{
    private static readonly HashSet<string> UnreachableCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "MessageWritesBlocked",
        "ConversationBlockedByUser",
        "BotDisabledByAdmin",
        "BotNotInConversationRoster",
        "ConversationNotFound",
    };

    /// <summary>True when the status and error code say the recipient blocked or dropped the bot.</summary>
    public static bool IsRecipientUnreachable(HttpStatusCode statusCode, string? errorCode) =>
        statusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        && errorCode is not null
        && UnreachableCodes.Contains(errorCode.Trim());

    /// <summary>Statuses worth another attempt: 412, 429, 502, 503, 504.</summary>
    public static bool IsTransient(HttpStatusCode statusCode) =>
        statusCode is HttpStatusCode.PreconditionFailed
            or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;
}
