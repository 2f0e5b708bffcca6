namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>Reads <see cref="BotIdentityOptions.MicrosoftAppType"/> the same way everywhere: blank means SingleTenant.</summary>
internal static class BotAppTypeResolver
{
    /// <summary>The canonical app type (one of <see cref="BotAppTypes"/>), or null when the value is unknown.</summary>
    public static string? Resolve(BotIdentityOptions options)
    {
        var value = options.MicrosoftAppType?.Trim();
        if (string.IsNullOrEmpty(value) || string.Equals(value, BotAppTypes.SingleTenant, StringComparison.OrdinalIgnoreCase))
        {
            return BotAppTypes.SingleTenant;
        }

        if (string.Equals(value, BotAppTypes.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            return BotAppTypes.UserAssignedMsi;
        }

        return string.Equals(value, BotAppTypes.MultiTenant, StringComparison.OrdinalIgnoreCase) ? BotAppTypes.MultiTenant : null;
    }

    public static bool HasCertificate(BotIdentityOptions options) =>
        !string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath)
        || !string.IsNullOrWhiteSpace(options.MicrosoftAppCertificateThumbprint);
}
