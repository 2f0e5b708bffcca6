namespace EngagementBot.Analytics.Model;

/// <summary>A group of documents about one topic.</summary>
/// <param name="Key">Stable key, e.g. <c>dog_park</c> for a seeded civic theme or <c>kw:benches</c> for a discovered one.</param>
/// <param name="Label">Readable label in the requested display language.</param>
/// <param name="Count">Number of documents in the theme.</param>
/// <param name="DocumentIds">Ids of those documents.</param>
/// <param name="Quotes">1–3 representative quotes (PII redacted unless disabled).</param>
public sealed record Theme(string Key, string Label, int Count, IReadOnlyList<string> DocumentIds, IReadOnlyList<ThemeQuote> Quotes);

/// <summary>A representative sentence of a theme and the document it came from.</summary>
/// <param name="DocumentId">The document id.</param>
/// <param name="Text">The quoted sentence.</param>
public sealed record ThemeQuote(string DocumentId, string Text);

/// <summary>How themes are built and labelled.</summary>
public sealed record ThemeOptions
{
    /// <summary>Language of the labels: "fr" or "en".</summary>
    public string DisplayLanguage { get; init; } = LanguageResult.French;

    /// <summary>Maximum number of themes returned (largest first).</summary>
    public int MaxThemes { get; init; } = 12;

    /// <summary>Quotes per theme (1–3).</summary>
    public int MaxQuotes { get; init; } = 3;

    /// <summary>Smallest number of documents for a discovered (non-seeded) theme.</summary>
    public int MinDiscoveredThemeSize { get; init; } = 3;

    /// <summary>Replace personal data in quotes by placeholders.</summary>
    public bool RedactQuotes { get; init; } = true;
}
