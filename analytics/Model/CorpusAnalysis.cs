namespace EngagementBot.Analytics.Model;

/// <summary>Every per-document result for one document.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Language">Detected language.</param>
/// <param name="Sentiment">Document and sentence sentiment.</param>
/// <param name="KeyPhrases">Key phrases, most salient first.</param>
/// <param name="Pii">Personal data and redacted text.</param>
/// <param name="ThemeKeys">Keys of the themes the document belongs to.</param>
public sealed record DocumentAnalysis(
    string Id,
    LanguageResult Language,
    DocumentSentiment Sentiment,
    IReadOnlyList<string> KeyPhrases,
    PiiResult Pii,
    IReadOnlyList<string> ThemeKeys);

/// <summary>Per-document results and corpus-level themes, summary and key phrases.</summary>
/// <param name="Documents">One entry per input document, in input order.</param>
/// <param name="Themes">Themes, largest first.</param>
/// <param name="Summary">Extractive summary with citations.</param>
/// <param name="TopKeyPhrases">Most frequent key phrases over the set.</param>
public sealed record CorpusAnalysis(
    IReadOnlyList<DocumentAnalysis> Documents,
    IReadOnlyList<Theme> Themes,
    ExtractiveSummary Summary,
    IReadOnlyList<KeyPhraseCount> TopKeyPhrases);

/// <summary>Options of <see cref="ITextAnalyzer.AnalyzeAsync"/>.</summary>
public sealed record CorpusAnalysisOptions
{
    /// <summary>Theme options.</summary>
    public ThemeOptions Themes { get; init; } = new();

    /// <summary>Summary options.</summary>
    public SummaryOptions Summary { get; init; } = new();

    /// <summary>Number of corpus key phrases returned.</summary>
    public int TopKeyPhrases { get; init; } = 15;
}
