using System.ComponentModel.DataAnnotations;
using EngagementBot.Analytics.Azure;

namespace EngagementBot.Analytics;

/// <summary>Configuration section <c>TextAnalytics</c>.</summary>
public sealed class TextAnalyticsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "TextAnalytics";

    /// <summary>Offline provider name (default).</summary>
    public const string OfflineProvider = "Offline";

    /// <summary>Azure AI Language provider name (REST, see <see cref="AzureLanguage"/>).</summary>
    public const string AzureLanguageProvider = "AzureLanguage";

    /// <summary>Which provider serves <see cref="ITextAnalyzer"/>: "Offline" (default) or "AzureLanguage".</summary>
    public string Provider { get; set; } = OfflineProvider;

    /// <summary>Worker threads of the offline provider; 0 = number of processors.</summary>
    [Range(0, 256, ErrorMessage = "TextAnalytics:MaxDegreeOfParallelism must be between 0 (all processors) and 256.")]
    public int MaxDegreeOfParallelism { get; set; }

    /// <summary>Settings of the Azure AI Language provider (section <c>TextAnalytics:AzureLanguage</c>), used when <see cref="Provider"/> is "AzureLanguage".</summary>
    public AzureLanguageOptions AzureLanguage { get; set; } = new();

    /// <summary>True when <see cref="Provider"/> names the Azure AI Language provider.</summary>
    public bool UsesAzureLanguage => string.Equals(Provider, AzureLanguageProvider, StringComparison.OrdinalIgnoreCase);
}
