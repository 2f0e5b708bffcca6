using Azure;
using Azure.Identity;
using EngagementBot.Analytics.Azure;
using EngagementBot.Analytics.Offline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Analytics;

/// <summary>Registers <see cref="ITextAnalyzer"/> from the <c>TextAnalytics</c> configuration section.</summary>
public static class TextAnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITextAnalyzer"/> (singleton). <c>TextAnalytics:Provider</c> selects "Offline" (the default,
    /// <c>TextAnalytics:MaxDegreeOfParallelism</c>) or "AzureLanguage" (<c>TextAnalytics:AzureLanguage:Endpoint</c>,
    /// <c>ApiKey</c> or else DefaultAzureCredential with optional <c>ManagedIdentityClientId</c>, <c>ApiVersion</c>,
    /// <c>MaxRetries</c>, <c>RetryDelay</c>, <c>MaxRetryAfter</c>, <c>PollInterval</c>, <c>JobTimeout</c>); validated at start-up.
    /// </summary>
    public static IServiceCollection AddTextAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TextAnalyticsOptions>()
            .Bind(configuration.GetSection(TextAnalyticsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TextAnalyticsOptions>, TextAnalyticsOptionsValidator>());
        services.AddSingleton<ITextAnalyzer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value;
            return options.UsesAzureLanguage ? CreateAzure(sp, options.AzureLanguage) : new OfflineTextAnalyzer(options.MaxDegreeOfParallelism);
        });
        return services;
    }

    private static AzureLanguageTextAnalyzer CreateAzure(IServiceProvider services, AzureLanguageOptions options)
    {
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetService<ILogger<AzureLanguageTextAnalyzer>>();
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return new AzureLanguageTextAnalyzer(options, new AzureKeyCredential(options.ApiKey), time, logger);
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
        return new AzureLanguageTextAnalyzer(options, credential, time, logger);
    }
}
