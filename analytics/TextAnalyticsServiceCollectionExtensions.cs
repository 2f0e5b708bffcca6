using EngagementBot.Analytics.Offline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Analytics;

/// <summary>Registers <see cref="ITextAnalyzer"/> from the <c>TextAnalytics</c> configuration section.</summary>
public static class TextAnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITextAnalyzer"/> (singleton). Settings: <c>TextAnalytics:Provider</c> ("Offline", the
    /// default) and <c>TextAnalytics:MaxDegreeOfParallelism</c>; validated at start-up.
    /// </summary>
    public static IServiceCollection AddTextAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TextAnalyticsOptions>()
            .Bind(configuration.GetSection(TextAnalyticsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                o => string.Equals(o.Provider, TextAnalyticsOptions.OfflineProvider, StringComparison.OrdinalIgnoreCase),
                "TextAnalytics:Provider must be \"Offline\" (the Azure AI Language provider is not part of this build); remove the setting or set it to Offline.")
            .ValidateOnStart();
        services.AddSingleton<ITextAnalyzer>(sp => new OfflineTextAnalyzer(sp.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value.MaxDegreeOfParallelism));
        return services;
    }
}
