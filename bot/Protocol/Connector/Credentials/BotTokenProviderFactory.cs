namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>
/// Chooses the <see cref="IBotTokenProvider"/> from <see cref="BotIdentityOptions"/>: none in local mode (no app
/// id), a managed identity for <c>UserAssignedMSI</c>, MSAL client credentials (secret or certificate) for
/// <c>SingleTenant</c> (authority = <c>MicrosoftAppTenantId</c>) and <c>MultiTenant</c> (authority
/// <c>botframework.com</c>). Expects options already checked by <see cref="BotIdentityOptionsValidator"/>.
/// </summary>
public static class BotTokenProviderFactory
{
    /// <summary>The tenant of legacy multi-tenant bots.</summary>
    public const string MultiTenantAuthorityTenant = "botframework.com";

    public static IBotTokenProvider Create(BotIdentityOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.IsLocalMode)
        {
            return new LocalModeBotTokenProvider();
        }

        var appId = options.MicrosoftAppId!.Trim();
        switch (BotAppTypeResolver.Resolve(options))
        {
            case BotAppTypes.UserAssignedMsi:
                return new ManagedIdentityBotTokenProvider(appId, timeProvider);
            case BotAppTypes.MultiTenant:
                return CreateMsal(options, appId, MultiTenantAuthorityTenant, timeProvider);
            case BotAppTypes.SingleTenant:
                return CreateMsal(options, appId, options.MicrosoftAppTenantId!.Trim(), timeProvider);
            default:
                throw new InvalidOperationException(
                    $"MicrosoftAppType '{options.MicrosoftAppType}' is not supported: set it to SingleTenant, UserAssignedMSI or MultiTenant.");
        }
    }

    private static MsalBotTokenProvider CreateMsal(BotIdentityOptions options, string appId, string tenant, TimeProvider timeProvider)
    {
        if (BotAppTypeResolver.HasCertificate(options))
        {
            var certificate = BotCertificateLoader.Load(options);
            return new MsalBotTokenProvider(appId, tenant, builder => builder.WithCertificate(certificate, sendX5C: true), timeProvider);
        }

        var secret = options.MicrosoftAppPassword;
        return new MsalBotTokenProvider(appId, tenant, builder => builder.WithClientSecret(secret), timeProvider);
    }
}
