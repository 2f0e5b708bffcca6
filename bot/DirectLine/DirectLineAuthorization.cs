using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EngagementBot.Bot.DirectLine;

/// <summary>Checks the <c>Authorization: Bearer &lt;token&gt;</c> of a Direct Line request against a conversation.</summary>
internal static class DirectLineAuthorization
{
    /// <summary>The bearer token of the request, or null when there is none (or another scheme).</summary>
    public static string? GetBearerToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }

    /// <summary>
    /// 401 for a missing, malformed or forged token; 403 for an expired token or one scoped to another
    /// conversation (or when <paramref name="conversationId"/> is null, any valid token passes).
    /// </summary>
    public static DirectLineProblem? Check(DirectLineTokenCheck check, string? conversationId)
    {
        return check.Status switch
        {
            DirectLineTokenStatus.Invalid => DirectLineProblem.Unauthorized("A valid Direct Line token is required: send 'Authorization: Bearer <token>' with a token from /v3/directline/tokens/generate."),
            DirectLineTokenStatus.Expired => DirectLineProblem.Forbidden("TokenExpired", "The Direct Line token has expired; generate a new one."),
            _ when conversationId is not null && !string.Equals(check.ConversationId, conversationId, StringComparison.Ordinal) =>
                DirectLineProblem.Forbidden("TokenConversationMismatch", "The token belongs to another conversation."),
            _ => null,
        };
    }
}
