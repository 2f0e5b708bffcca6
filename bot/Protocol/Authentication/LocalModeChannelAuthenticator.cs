using System.Security.Claims;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// Local development without an app id: every request is accepted with an anonymous (unauthenticated) identity and
/// no token is looked at. The host must log <see cref="StartupWarning"/> at start-up and refuse to run like this in
/// Production.
/// </summary>
public sealed class LocalModeChannelAuthenticator : IChannelAuthenticator
{
    /// <summary>The warning the host logs when it starts in local mode.</summary>
    public const string StartupWarning =
        "MicrosoftAppId is not configured: /api/messages accepts requests WITHOUT authentication (local development only). "
        + "Set MicrosoftAppId (and MicrosoftAppPassword / MicrosoftAppTenantId) to authenticate Bot Framework channels.";

    public ValueTask<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChannelAuthenticationResult.Success(new ClaimsIdentity()));
}
