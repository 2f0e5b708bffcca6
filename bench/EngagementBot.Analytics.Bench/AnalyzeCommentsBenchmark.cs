using BenchmarkDotNet.Attributes;
using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline;

namespace EngagementBot.Analytics.Bench;

/// <summary>Offline analysis of N comments with every feature (language, sentiment, key phrases, PII, themes, summary).</summary>
[MemoryDiagnoser]
public class AnalyzeCommentsBenchmark
{
    private readonly OfflineTextAnalyzer _analyzer = new();
    private IReadOnlyList<TextDocument> _documents = [];

    /// <summary>Number of comments.</summary>
    [Params(10_000, 100_000)]
    public int Comments { get; set; }

    /// <summary>Builds the corpus and warms the lexicons.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _documents = CommentCorpus.Generate(Comments);
        _analyzer.AnalyzeAsync(CommentCorpus.Generate(200, seed: 1), new CorpusAnalysisOptions(), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>All features over the corpus.</summary>
    [Benchmark]
    public CorpusAnalysis AnalyzeAll() => _analyzer.AnalyzeAsync(_documents, new CorpusAnalysisOptions(), CancellationToken.None).GetAwaiter().GetResult();
}
