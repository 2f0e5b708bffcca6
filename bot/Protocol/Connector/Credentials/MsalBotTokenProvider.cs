using Microsoft.Identity.Client;

namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>
/// Client-credentials token from Entra ID through MSAL (<c>AcquireTokenForClient</c>, scope
/// <see cref="BotTokenScopes.BotFramework"/>) with a client secret or a certificate. MSAL keeps its own app
/// token cache; on top of it an <see cref="ExpiringTokenCache"/> renews the token five minutes before expiry
/// and spares MSAL a call per request.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider, IDisposable
{
    private static readonly string[] Scopes = [BotTokenScopes.BotFramework];

    private readonly IConfidentialClientApplication _application;
    private readonly ExpiringTokenCache _cache;

    /// <summary>Creates the provider for an app registration.</summary>
    /// <param name="appId">The bot's application (client) id.</param>
    /// <param name="tenant">The tenant of the authority (<c>botframework.com</c> for legacy multi-tenant bots).</param>
    /// <param name="credential">Adds the client secret or certificate to the MSAL builder.</param>
    /// <param name="timeProvider">Clock used to decide when the cached token must be renewed.</param>
    public MsalBotTokenProvider(
        string appId,
        string tenant,
        Func<ConfidentialClientApplicationBuilder, ConfidentialClientApplicationBuilder> credential,
        TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(credential);

        Authority = $"https://login.microsoftonline.com/{tenant}";
        _application = credential(ConfidentialClientApplicationBuilder.Create(appId).WithAuthority(Authority)).Build();
        _cache = new ExpiringTokenCache(AcquireAsync, timeProvider);
    }

    /// <summary>The Entra ID authority tokens are requested from.</summary>
    public string Authority { get; }

    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        await _cache.GetTokenAsync(cancellationToken);

    public void Dispose() => _cache.Dispose();

    private async Task<BotAccessToken> AcquireAsync(CancellationToken cancellationToken)
    {
        var result = await _application.AcquireTokenForClient(Scopes).ExecuteAsync(cancellationToken);
        return new BotAccessToken(result.AccessToken, result.ExpiresOn);
    }
}
