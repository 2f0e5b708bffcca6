using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>
/// Start-up check of <see cref="BotIdentityOptions"/>: a known <c>MicrosoftAppType</c>, a tenant where one is
/// needed, exactly one credential for SingleTenant/MultiTenant. Every message names the key to set.
/// Local mode (no <c>MicrosoftAppId</c>) is valid as long as no credential is configured without an app id.
/// </summary>
public sealed class BotIdentityOptionsValidator : IValidateOptions<BotIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, BotIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var appType = BotAppTypeResolver.Resolve(options);
        if (appType is null)
        {
            failures.Add($"MicrosoftAppType '{options.MicrosoftAppType}' is not supported: set it to SingleTenant (default), UserAssignedMSI or MultiTenant.");
        }

        var hasSecret = !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword);
        var hasCertificate = BotAppTypeResolver.HasCertificate(options);
        if (options.IsLocalMode)
        {
            if (hasSecret || hasCertificate)
            {
                failures.Add("A credential (MicrosoftAppPassword or MicrosoftAppCertificate*) is set but MicrosoftAppId is empty: set MicrosoftAppId to the bot's application (client) id, or remove the credential to run in local mode.");
            }

            return Result(failures);
        }

        if ((appType is BotAppTypes.SingleTenant or BotAppTypes.UserAssignedMsi) && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add($"MicrosoftAppTenantId is required when MicrosoftAppType is {appType}: set it to the Directory (tenant) id of the bot's app registration.");
        }

        if (appType is BotAppTypes.SingleTenant or BotAppTypes.MultiTenant)
        {
            ValidateClientCredential(options, appType, hasSecret, hasCertificate, failures);
        }

        return Result(failures);
    }

    private static void ValidateClientCredential(BotIdentityOptions options, string appType, bool hasSecret, bool hasCertificate, List<string> failures)
    {
        if (!hasSecret && !hasCertificate)
        {
            failures.Add($"MicrosoftAppType {appType} with MicrosoftAppId set needs a credential: set MicrosoftAppPassword (client secret) or MicrosoftAppCertificatePath / MicrosoftAppCertificateThumbprint.");
            return;
        }

        if (hasSecret && hasCertificate)
        {
            failures.Add("Both MicrosoftAppPassword and a certificate (MicrosoftAppCertificatePath / MicrosoftAppCertificateThumbprint) are set: keep only one credential.");
        }

        var hasPath = !string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath);
        if (hasPath && !string.IsNullOrWhiteSpace(options.MicrosoftAppCertificateThumbprint))
        {
            failures.Add("Both MicrosoftAppCertificatePath and MicrosoftAppCertificateThumbprint are set: keep only one way to find the certificate.");
        }
        else if (hasPath && !File.Exists(options.MicrosoftAppCertificatePath))
        {
            failures.Add($"MicrosoftAppCertificatePath '{options.MicrosoftAppCertificatePath}' does not exist: set it to the PFX/PEM file of the bot's certificate.");
        }
        else if (hasCertificate && !hasSecret)
        {
            TryLoadCertificate(options, failures);
        }
    }

    /// <summary>Opens the certificate once so a wrong password or thumbprint stops the start, not the first send.</summary>
    private static void TryLoadCertificate(BotIdentityOptions options, List<string> failures)
    {
        try
        {
            using var certificate = BotCertificateLoader.Load(options);
        }
        catch (InvalidOperationException exception)
        {
            failures.Add(exception.Message);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            failures.Add($"The bot's certificate could not be opened ({exception.Message}): check MicrosoftAppCertificatePath / MicrosoftAppCertificateThumbprint and MicrosoftAppCertificatePassword.");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
