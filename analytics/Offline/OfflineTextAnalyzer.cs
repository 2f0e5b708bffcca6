using System.Collections.Concurrent;
using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Summary;
using EngagementBot.Analytics.Offline.Text;
using EngagementBot.Analytics.Offline.Themes;

namespace EngagementBot.Analytics.Offline;

/// <summary>
/// The default <see cref="ITextAnalyzer"/>: everything runs in process from embedded lexicons and a
/// small trained model (no network, no download). Documents are analysed in parallel, one reusable
/// worker per thread; corpus steps (themes, summary) are linear passes over the per-document facts.
/// </summary>
public sealed class OfflineTextAnalyzer : ITextAnalyzer
{
    private const int ChunkSize = 256;
    private readonly int _maxDegreeOfParallelism;

    /// <summary>Creates the analyzer.</summary>
    /// <param name="maxDegreeOfParallelism">Worker threads; 0 or less = number of processors.</param>
    public OfflineTextAnalyzer(int maxDegreeOfParallelism = 0)
    {
        _maxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LanguageResult>> DetectLanguageAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken) =>
        Run(documents, AnalysisFeatures.Language, null, cancellationToken, facts => (IReadOnlyList<LanguageResult>)facts.Select(f => f.Language!).ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<DocumentSentiment>> AnalyzeSentimentAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken) =>
        Run(documents, AnalysisFeatures.Sentiment, null, cancellationToken, facts => (IReadOnlyList<DocumentSentiment>)facts.Select(f => f.Sentiment!).ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyPhraseResult>> ExtractKeyPhrasesAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken) =>
        Run(documents, AnalysisFeatures.KeyPhrases, null, cancellationToken, facts => (IReadOnlyList<KeyPhraseResult>)facts.Select(f => new KeyPhraseResult(f.Document.Id, f.KeyPhrases)).ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<PiiResult>> RecognizePiiAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken) =>
        Run(documents, AnalysisFeatures.Pii, null, cancellationToken, facts => (IReadOnlyList<PiiResult>)facts.Select(f => f.Pii!).ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<Theme>> FindThemesAsync(IReadOnlyList<TextDocument> documents, ThemeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var vocabulary = new Vocabulary();
        return Run(documents, AnalysisFeatures.Themes, vocabulary, cancellationToken, facts => ThemeBuilder.Build(facts, vocabulary, options));
    }

    /// <inheritdoc />
    public Task<ExtractiveSummary> SummarizeAsync(IReadOnlyList<TextDocument> documents, SummaryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var vocabulary = new Vocabulary();
        return Run(documents, AnalysisFeatures.Summary, vocabulary, cancellationToken, facts => ExtractiveSummarizer.Summarize(facts, vocabulary.Count, options));
    }

    /// <inheritdoc />
    public Task<CorpusAnalysis> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CorpusAnalysisOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var vocabulary = new Vocabulary();
        return Run(documents, AnalysisFeatures.All, vocabulary, cancellationToken, facts =>
        {
            var themes = ThemeBuilder.Build(facts, vocabulary, options.Themes);
            var kept = themes.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
            var summary = ExtractiveSummarizer.Summarize(facts, vocabulary.Count, options.Summary);
            var analyses = facts
                .Select(f => new DocumentAnalysis(f.Document.Id, f.Language!, f.Sentiment!, f.KeyPhrases, f.Pii!, f.ThemeKeys.Where(kept.Contains).ToList()))
                .ToList();
            return new CorpusAnalysis(analyses, themes, summary, TopKeyPhrases(facts, options.TopKeyPhrases));
        });
    }

    private static IReadOnlyList<KeyPhraseCount> TopKeyPhrases(IReadOnlyList<DocumentFacts> facts, int max)
    {
        // Single opinion or generic words ("love", "finally", "parc", "plan") say nothing about topics.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var skip = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var f in facts)
        {
            foreach (var phrase in f.KeyPhrases)
            {
                if (!skip.TryGetValue(phrase, out var skipped))
                {
                    skip[phrase] = skipped = IsOpinionOrGenericWord(phrase);
                }

                if (!skipped)
                {
                    counts[phrase] = counts.GetValueOrDefault(phrase) + 1;
                }
            }
        }

        return counts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, max))
            .Select(c => new KeyPhraseCount(c.Key, c.Value))
            .ToList();
    }

    private static bool IsOpinionOrGenericWord(string phrase)
    {
        if (phrase.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var folded = TextFolding.Fold(phrase);
        var key = ContentWords.Key(folded).ToString();
        return Array.IndexOf(ThemeBuilder.GenericWords, key) >= 0 || Array.IndexOf(ThemeBuilder.GenericWords, folded) >= 0
            || Math.Abs(Lexicons.SentimentLexicon.French.Word(folded)) >= 1f || Math.Abs(Lexicons.SentimentLexicon.English.Word(folded)) >= 1f;
    }

    private Task<T> Run<T>(IReadOnlyList<TextDocument> documents, AnalysisFeatures features, Vocabulary? vocabulary, CancellationToken cancellationToken, Func<IReadOnlyList<DocumentFacts>, T> finish)
    {
        DocumentValidation.Validate(documents);
        cancellationToken.ThrowIfCancellationRequested();
        var facts = new DocumentFacts[documents.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = new DocumentFacts(i, documents[i]);
        }

        var parallelism = Math.Min(_maxDegreeOfParallelism, Math.Max(1, facts.Length / ChunkSize));
        if (parallelism <= 1)
        {
            var worker = new DocumentWorker();
            foreach (var f in facts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                worker.Process(f, features, vocabulary);
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
            Parallel.ForEach(
                Partitioner.Create(0, facts.Length, ChunkSize),
                options,
                () => new DocumentWorker(),
                (range, _, worker) =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        worker.Process(facts[i], features, vocabulary);
                    }

                    return worker;
                },
                _ => { });
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(finish(facts));
    }
}
