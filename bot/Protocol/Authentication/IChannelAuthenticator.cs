using System.Security.Claims;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// Decides whether an inbound request to <c>/api/messages</c> really comes from a Bot Framework channel
/// (or, in local mode, lets it through unauthenticated).
/// </summary>
public interface IChannelAuthenticator
{
    /// <param name="authorizationHeader">The raw <c>Authorization</c> header, or null when absent.</param>
    /// <param name="activity">The parsed activity (its channelId and serviceUrl are checked against the token).</param>
    ValueTask<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

/// <summary>Outcome of <see cref="IChannelAuthenticator.AuthenticateAsync"/>.</summary>
public sealed class ChannelAuthenticationResult
{
    private ChannelAuthenticationResult(bool succeeded, ClaimsIdentity? identity, string? failureReason)
    {
        Succeeded = succeeded;
        Identity = identity;
        FailureReason = failureReason;
    }

    public bool Succeeded { get; }

    /// <summary>Claims of the validated token (an anonymous identity in local mode).</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>Why authentication failed; safe to log, never contains the token.</summary>
    public string? FailureReason { get; }

    public static ChannelAuthenticationResult Success(ClaimsIdentity identity) => new(true, identity, null);

    public static ChannelAuthenticationResult Fail(string reason) => new(false, null, reason);
}
