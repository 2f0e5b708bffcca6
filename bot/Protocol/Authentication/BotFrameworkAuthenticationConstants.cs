namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>The fixed values of the Bot Framework channel authentication protocol (issuers, tenants, claims).</summary>
public static class BotFrameworkAuthenticationConstants
{
    /// <summary>Issuer of the tokens the Bot Connector service attaches to activities it sends to bots.</summary>
    public const string BotConnectorIssuer = "https://api.botframework.com";

    /// <summary>OpenID metadata of the Bot Connector service (its JWKS carries the channel endorsements).</summary>
    public const string BotConnectorOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata of an Entra ID tenant; <c>{tenant}</c> is replaced by the tenant id.</summary>
    public const string EntraOpenIdMetadataUrlTemplate = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>The placeholder in <see cref="EntraOpenIdMetadataUrlTemplate"/>.</summary>
    public const string TenantPlaceholder = "{tenant}";

    /// <summary>The Bot Framework's own Entra ID tenant (emulator and skill tokens are issued there).</summary>
    public const string BotFrameworkTenantId = "d6d49420-f39b-4df7-a1dc-d59a935871db";

    /// <summary>The second Entra ID tenant the Bot Framework issues tokens from.</summary>
    public const string BotFrameworkSecondaryTenantId = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

    /// <summary>Claim with the service URL the token was issued for (Bot Connector tokens).</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>Token version claim of Entra ID tokens (<c>1.0</c> or <c>2.0</c>).</summary>
    public const string VersionClaim = "ver";

    /// <summary>Caller's application id in Entra ID v1.0 tokens.</summary>
    public const string AppIdClaim = "appid";

    /// <summary>Caller's application id in Entra ID v2.0 tokens.</summary>
    public const string AuthorizedPartyClaim = "azp";

    /// <summary>Non-standard JWKS key member listing the channel ids a Bot Connector key may sign for.</summary>
    public const string EndorsementsKeyMember = "endorsements";

    /// <summary><see cref="System.Security.Claims.ClaimsIdentity.AuthenticationType"/> of identities from validated tokens.</summary>
    public const string AuthenticationType = "BotFrameworkChannel";

    /// <summary>The only signature algorithms accepted on channel tokens.</summary>
    public static IReadOnlyList<string> AllowedAlgorithms { get; } = ["RS256", "RS384", "RS512"];

    /// <summary>Entra ID v1.0 issuer of <paramref name="tenantId"/>.</summary>
    public static string EntraV1Issuer(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>Entra ID v2.0 issuer of <paramref name="tenantId"/>.</summary>
    public static string EntraV2Issuer(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";
}
