using System.ComponentModel.DataAnnotations;

namespace EngagementBot.Bot.Protocol;

/// <summary>
/// Who the bot is to Azure Bot Service, bound from the configuration root with the keys the Bot Framework
/// uses everywhere (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>,
/// <c>MicrosoftAppTenantId</c>, …). With no <see cref="MicrosoftAppId"/> the bot runs in local mode:
/// inbound requests are not authenticated and outbound calls carry no token (development only).
/// </summary>
public sealed class BotIdentityOptions
{
    /// <summary><c>SingleTenant</c> (default), <c>UserAssignedMSI</c> or <c>MultiTenant</c> (legacy).</summary>
    public string MicrosoftAppType { get; set; } = BotAppTypes.SingleTenant;

    /// <summary>The bot's Entra ID application (client) id. Empty = local mode.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret of the app registration (or use a certificate).</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Path to a PFX/PEM certificate used instead of a client secret.</summary>
    public string? MicrosoftAppCertificatePath { get; set; }

    /// <summary>Password of the certificate file, when it has one.</summary>
    public string? MicrosoftAppCertificatePassword { get; set; }

    /// <summary>Thumbprint of a certificate in the current user's store, instead of a file.</summary>
    public string? MicrosoftAppCertificateThumbprint { get; set; }

    /// <summary>Tenant of the app registration (required for SingleTenant and UserAssignedMSI).</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>True when no app id is configured: local development without channel authentication.</summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);
}

/// <summary>Values of <see cref="BotIdentityOptions.MicrosoftAppType"/>.</summary>
public static class BotAppTypes
{
    public const string SingleTenant = "SingleTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";
    public const string MultiTenant = "MultiTenant";

    public static bool IsKnown(string? value) =>
        string.Equals(value, SingleTenant, StringComparison.OrdinalIgnoreCase)
        || string.Equals(value, UserAssignedMsi, StringComparison.OrdinalIgnoreCase)
        || string.Equals(value, MultiTenant, StringComparison.OrdinalIgnoreCase);
}
