using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics;

/// <summary>
/// Text analytics over batches of documents identified by id: language, sentiment, key phrases, PII,
/// themes and extractive summaries. Implemented offline (<see cref="Offline.OfflineTextAnalyzer"/>,
/// the default) and, behind the same contract, by a remote service such as Azure AI Language.
/// Results keep the order of the input documents. Document ids must be unique and non-empty.
/// </summary>
public interface ITextAnalyzer
{
    /// <summary>Detects the language of each document: <c>fr</c>, <c>en</c> or <c>other</c>.</summary>
    Task<IReadOnlyList<LanguageResult>> DetectLanguageAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken);

    /// <summary>Sentiment of each document and of each of its sentences.</summary>
    Task<IReadOnlyList<DocumentSentiment>> AnalyzeSentimentAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken);

    /// <summary>Key phrases of each document, most salient first.</summary>
    Task<IReadOnlyList<KeyPhraseResult>> ExtractKeyPhrasesAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken);

    /// <summary>Personal data found in each document, with the redacted text.</summary>
    Task<IReadOnlyList<PiiResult>> RecognizePiiAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken);

    /// <summary>Groups the documents into themes with a readable label, a count and representative quotes.</summary>
    Task<IReadOnlyList<Theme>> FindThemesAsync(IReadOnlyList<TextDocument> documents, ThemeOptions options, CancellationToken cancellationToken);

    /// <summary>Extractive summary of the whole set; each sentence cites the ids of the documents it came from.</summary>
    Task<ExtractiveSummary> SummarizeAsync(IReadOnlyList<TextDocument> documents, SummaryOptions options, CancellationToken cancellationToken);

    /// <summary>Every feature at once (one pass per document), plus corpus-level themes, summary and key phrases.</summary>
    Task<CorpusAnalysis> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CorpusAnalysisOptions options, CancellationToken cancellationToken);
}
