namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>
/// Supplies the bearer token the bot presents to the Bot Connector (scope
/// <see cref="BotTokenScopes.BotFramework"/>). Implementations cache the token and refresh it before it
/// expires, so calling this before every request is cheap.
/// </summary>
public interface IBotTokenProvider
{
    /// <summary>
    /// The access token to send as <c>Authorization: Bearer</c>, or null when the bot has no credential
    /// (local mode): then no Authorization header is sent at all.
    /// </summary>
    ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Scopes requested from Entra ID for outbound Bot Connector calls.</summary>
public static class BotTokenScopes
{
    /// <summary>The Bot Framework resource, client-credentials form.</summary>
    public const string BotFramework = "https://api.botframework.com/.default";
}
