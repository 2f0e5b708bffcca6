using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>Start-up validation of <see cref="ChannelAuthenticationOptions"/>, with messages naming the setting to fix.</summary>
public sealed class ChannelAuthenticationOptionsValidator : IValidateOptions<ChannelAuthenticationOptions>
{
    private const string Section = ChannelAuthenticationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ChannelAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        CheckUrl(errors, nameof(ChannelAuthenticationOptions.BotFrameworkOpenIdMetadataUrl), options.BotFrameworkOpenIdMetadataUrl,
            options.RequireHttpsMetadata, BotFrameworkAuthenticationConstants.BotConnectorOpenIdMetadataUrl);

        var template = options.EntraOpenIdMetadataUrlTemplate ?? string.Empty;
        if (!template.Contains(BotFrameworkAuthenticationConstants.TenantPlaceholder, StringComparison.Ordinal))
        {
            errors.Add($"{Section}:{nameof(ChannelAuthenticationOptions.EntraOpenIdMetadataUrlTemplate)} must contain the '{{tenant}}' placeholder "
                + $"(got '{template}'); the default is '{BotFrameworkAuthenticationConstants.EntraOpenIdMetadataUrlTemplate}'.");
        }
        else
        {
            CheckUrl(errors, nameof(ChannelAuthenticationOptions.EntraOpenIdMetadataUrlTemplate),
                template.Replace(BotFrameworkAuthenticationConstants.TenantPlaceholder, "tenant", StringComparison.Ordinal),
                options.RequireHttpsMetadata, BotFrameworkAuthenticationConstants.EntraOpenIdMetadataUrlTemplate);
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Section}:{nameof(ChannelAuthenticationOptions.ClockSkew)} must be between 00:00:00 and 00:10:00 (got {options.ClockSkew}); the protocol uses 00:05:00.");
        }

        if (options.ValidatedTokenCacheSize is < 0 or > 1_000_000)
        {
            errors.Add($"{Section}:{nameof(ChannelAuthenticationOptions.ValidatedTokenCacheSize)} must be between 0 (no cache) and 1000000 (got {options.ValidatedTokenCacheSize}); the default is 10000.");
        }

        if (options.MetadataAutomaticRefreshInterval < TimeSpan.FromMinutes(5) || options.MetadataAutomaticRefreshInterval > TimeSpan.FromHours(24))
        {
            errors.Add($"{Section}:{nameof(ChannelAuthenticationOptions.MetadataAutomaticRefreshInterval)} must be between 00:05:00 and 1.00:00:00 "
                + $"(got {options.MetadataAutomaticRefreshInterval}); signing keys must be re-read at least every 24 hours.");
        }

        if (options.MetadataRefreshInterval < TimeSpan.FromSeconds(1) || options.MetadataRefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:{nameof(ChannelAuthenticationOptions.MetadataRefreshInterval)} must be between 00:00:01 and 01:00:00 "
                + $"(got {options.MetadataRefreshInterval}); it limits refreshes caused by unknown key ids.");
        }

        if (options.MetadataRequestTimeout < TimeSpan.FromSeconds(1) || options.MetadataRequestTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{Section}:{nameof(ChannelAuthenticationOptions.MetadataRequestTimeout)} must be between 00:00:01 and 00:02:00 (got {options.MetadataRequestTimeout}).");
        }

        if (options.AllowedCallerAppIds.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{Section}:{nameof(ChannelAuthenticationOptions.AllowedCallerAppIds)} must not contain empty entries; list application (client) ids.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string setting, string? value, bool requireHttps, string defaultValue)
    {
        var ok = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (!requireHttps && uri.Scheme == Uri.UriSchemeHttp));
        if (!ok)
        {
            var httpsHint = requireHttps ? $" (plain http only with {Section}:{nameof(ChannelAuthenticationOptions.RequireHttpsMetadata)}=false, for tests)" : string.Empty;
            errors.Add($"{Section}:{setting} must be an absolute https URL{httpsHint} (got '{value}'); the default is '{defaultValue}'.");
        }
    }
}
