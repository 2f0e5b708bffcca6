using Azure.Core;
using Azure.Identity;

namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>
/// Token of the bot's user-assigned managed identity (<c>MicrosoftAppType = UserAssignedMSI</c>, client id =
/// <c>MicrosoftAppId</c>) through Azure.Identity, cached and renewed five minutes before expiry.
/// </summary>
public sealed class ManagedIdentityBotTokenProvider : IBotTokenProvider, IDisposable
{
    private static readonly TokenRequestContext Request = new([BotTokenScopes.BotFramework]);

    private readonly TokenCredential _credential;
    private readonly ExpiringTokenCache _cache;

    /// <summary>Uses the user-assigned managed identity whose client id is <paramref name="clientId"/>.</summary>
    public ManagedIdentityBotTokenProvider(string clientId, TimeProvider timeProvider)
        : this(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)), timeProvider)
    {
    }

    /// <summary>Uses any Azure credential (tests pass a fake one).</summary>
    public ManagedIdentityBotTokenProvider(TokenCredential credential, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _cache = new ExpiringTokenCache(AcquireAsync, timeProvider);
    }

    /// <summary>The Azure credential tokens come from.</summary>
    public TokenCredential Credential => _credential;

    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        await _cache.GetTokenAsync(cancellationToken);

    public void Dispose() => _cache.Dispose();

    private async Task<BotAccessToken> AcquireAsync(CancellationToken cancellationToken)
    {
        var token = await _credential.GetTokenAsync(Request, cancellationToken);
        return new BotAccessToken(token.Token, token.ExpiresOn);
    }
}
