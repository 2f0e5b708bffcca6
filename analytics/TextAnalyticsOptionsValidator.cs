using System.Globalization;
using System.Net;
using EngagementBot.Analytics.Azure;
using Microsoft.Extensions.Options;

namespace EngagementBot.Analytics;

/// <summary>Start-up validation of <see cref="TextAnalyticsOptions"/>: each message names the setting and how to fix it.</summary>
internal sealed class TextAnalyticsOptionsValidator : IValidateOptions<TextAnalyticsOptions>
{
    private const string Prefix = "TextAnalytics:AzureLanguage:";

    public ValidateOptionsResult Validate(string? name, TextAnalyticsOptions options)
    {
        var offline = string.Equals(options.Provider, TextAnalyticsOptions.OfflineProvider, StringComparison.OrdinalIgnoreCase);
        if (!offline && !options.UsesAzureLanguage)
        {
            return ValidateOptionsResult.Fail(
                $"TextAnalytics:Provider is \"{options.Provider}\"; use \"Offline\" (default, no network) or \"AzureLanguage\" (Azure AI Language REST, needs TextAnalytics:AzureLanguage:Endpoint).");
        }

        return offline ? ValidateOptionsResult.Success : ValidateAzure(options.AzureLanguage ?? new AzureLanguageOptions());
    }

    private static ValidateOptionsResult ValidateAzure(AzureLanguageOptions o)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Endpoint))
        {
            failures.Add($"{Prefix}Endpoint is required when TextAnalytics:Provider is AzureLanguage, e.g. https://my-language.cognitiveservices.azure.com/.");
        }
        else if (!Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            failures.Add($"{Prefix}Endpoint \"{o.Endpoint}\" is not an absolute https URL (e.g. https://my-language.cognitiveservices.azure.com/).");
        }
        else if (endpoint.Scheme == "http" && !(endpoint.IsLoopback || IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip)))
        {
            failures.Add($"{Prefix}Endpoint must use https (plain http is accepted only on a loopback test server).");
        }
        else if (!string.IsNullOrEmpty(endpoint.Query) || endpoint.AbsolutePath.Contains("/language", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Prefix}Endpoint must be the resource's base URL without path or query (the provider adds /language/:analyze-text).");
        }

        if (!IsSupportedApiVersion(o.ApiVersion))
        {
            failures.Add($"{Prefix}ApiVersion \"{o.ApiVersion}\" is not supported; use {AzureLanguageOptions.MinimumApiVersion} or a later yyyy-MM-dd version (optionally -preview).");
        }

        if (o.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Prefix}MaxRetries must be between 0 and 10 (was {o.MaxRetries}).");
        }

        if (o.RetryDelay < TimeSpan.Zero || o.RetryDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}RetryDelay must be between 00:00:00 and 00:01:00 (was {o.RetryDelay}).");
        }

        if (o.MaxRetryAfter < TimeSpan.Zero || o.MaxRetryAfter > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}MaxRetryAfter must be between 00:00:00 and 00:10:00 (was {o.MaxRetryAfter}).");
        }

        if (o.PollInterval <= TimeSpan.Zero || o.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}PollInterval must be more than 0 and at most 00:01:00 (was {o.PollInterval}).");
        }

        if (o.JobTimeout <= TimeSpan.Zero || o.JobTimeout > TimeSpan.FromHours(24))
        {
            failures.Add($"{Prefix}JobTimeout must be more than 0 and at most 1.00:00:00 (was {o.JobTimeout}).");
        }

        if (!string.IsNullOrWhiteSpace(o.ManagedIdentityClientId) && !string.IsNullOrWhiteSpace(o.ApiKey))
        {
            failures.Add($"{Prefix}ManagedIdentityClientId and {Prefix}ApiKey are both set; keep one (the key wins otherwise, which is probably not meant).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSupportedApiVersion(string? version)
    {
        if (string.IsNullOrWhiteSpace(version) || version.Length < 10)
        {
            return false;
        }

        var suffix = version[10..];
        return (suffix.Length == 0 || suffix.Equals("-preview", StringComparison.Ordinal))
            && DateOnly.TryParseExact(version[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date >= DateOnly.ParseExact(AzureLanguageOptions.MinimumApiVersion, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
