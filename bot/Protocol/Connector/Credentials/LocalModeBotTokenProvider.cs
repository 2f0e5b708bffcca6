namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>Local mode (no <c>MicrosoftAppId</c>): there is no credential, so no token and no Authorization header.</summary>
public sealed class LocalModeBotTokenProvider : IBotTokenProvider
{
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
