namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// Settings of inbound channel authentication, bound from the <c>ChannelAuthentication</c> section. The defaults
/// are the public-cloud Bot Framework values; tests and the local benchmark point the metadata URLs at a loopback
/// server and set <see cref="RequireHttpsMetadata"/> to false.
/// </summary>
public sealed class ChannelAuthenticationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ChannelAuthentication";

    /// <summary>OpenID metadata of the Bot Connector service (issuer <c>https://api.botframework.com</c>).</summary>
    public string BotFrameworkOpenIdMetadataUrl { get; set; } = BotFrameworkAuthenticationConstants.BotConnectorOpenIdMetadataUrl;

    /// <summary>OpenID metadata of an Entra ID tenant, with a <c>{tenant}</c> placeholder.</summary>
    public string EntraOpenIdMetadataUrlTemplate { get; set; } = BotFrameworkAuthenticationConstants.EntraOpenIdMetadataUrlTemplate;

    /// <summary>Refuse metadata over plain HTTP. Only tests and the local benchmark turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerance when checking a token's <c>nbf</c> and <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many validated tokens are remembered (so their signature is checked once). 0 disables the cache.</summary>
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>How often the signing keys are re-read even when nothing asks for it (at most 24 h).</summary>
    public TimeSpan MetadataAutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Minimum time between two metadata refreshes caused by tokens with an unknown key id.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one metadata or JWKS request.</summary>
    public TimeSpan MetadataRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Application ids, besides the bot's own, allowed as the caller (<c>appid</c>/<c>azp</c>) of Entra ID tokens
    /// (for example parent bots calling this bot as a skill). Empty by default.
    /// </summary>
    public List<string> AllowedCallerAppIds { get; set; } = [];
}
