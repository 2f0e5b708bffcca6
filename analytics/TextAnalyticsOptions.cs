using System.ComponentModel.DataAnnotations;

namespace EngagementBot.Analytics;

/// <summary>Configuration section <c>TextAnalytics</c>.</summary>
public sealed class TextAnalyticsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "TextAnalytics";

    /// <summary>Offline provider name (default).</summary>
    public const string OfflineProvider = "Offline";

    /// <summary>Which provider serves <see cref="ITextAnalyzer"/>: "Offline" (default). "Azure" comes with the Azure AI Language provider.</summary>
    public string Provider { get; set; } = OfflineProvider;

    /// <summary>Worker threads of the offline provider; 0 = number of processors.</summary>
    [Range(0, 256, ErrorMessage = "TextAnalytics:MaxDegreeOfParallelism must be between 0 (all processors) and 256.")]
    public int MaxDegreeOfParallelism { get; set; }
}
