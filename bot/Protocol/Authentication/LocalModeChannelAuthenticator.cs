using System.Security.Claims;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// Local development without an app id: every request is accepted with an anonymous (unauthenticated) identity and
/// no token is looked at. The host logs a loud warning at start-up and refuses to run like this in
/// Production (see <c>LocalModeGuard</c>).
/// </summary>
public sealed class LocalModeChannelAuthenticator : IChannelAuthenticator
{
    public ValueTask<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChannelAuthenticationResult.Success(new ClaimsIdentity()));
}
