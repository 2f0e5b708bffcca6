using EngagementBot.Dialogs.Staff;

namespace EngagementBot.Bot.Staff;

/// <summary>
/// The staff REST API (<c>/api/staff/…</c>), configuration section <c>StaffApi</c>. Callers present an Entra ID bearer
/// token issued by the bot's tenant for this API, whose caller has a staff role (Staff:Members / Staff:Groups through
/// <see cref="IStaffDirectory"/>, or the app role <see cref="StaffAppRole"/> / <see cref="AdminAppRole"/>), or — in local
/// mode only — the API key <see cref="ApiKey"/> in the <see cref="ApiKeyHeader"/> header.
/// </summary>
public sealed class StaffApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "StaffApi";

    /// <summary>Accepted token audiences; empty = the bot's app id and <c>api://{app id}</c>.</summary>
    public List<string> Audiences { get; init; } = [];

    /// <summary>The Entra tenant whose tokens are accepted; empty = <c>MicrosoftAppTenantId</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>OpenID metadata address; empty = <c>ChannelAuthentication:EntraOpenIdMetadataUrlTemplate</c> for the tenant.</summary>
    public string? OpenIdMetadataUrl { get; set; }

    /// <summary>App role (token <c>roles</c> claim) that makes a caller staff.</summary>
    public string StaffAppRole { get; set; } = "EngagementBot.Staff";

    /// <summary>App role that makes a caller an administrator.</summary>
    public string AdminAppRole { get; set; } = "EngagementBot.Admin";

    /// <summary>Local mode only: the API key (at least 16 characters); empty = no API key access.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header carrying the API key.</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>The role an API key caller has.</summary>
    public StaffRole ApiKeyRole { get; set; } = StaffRole.Staff;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
