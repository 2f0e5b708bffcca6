using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using EngagementBot.Analytics.Bench;
using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline;

// Two modes:
//   dotnet run -c Release --project bench/EngagementBot.Analytics.Bench -- --filter '*'     BenchmarkDotNet
//   dotnet run -c Release --project bench/EngagementBot.Analytics.Bench -- quick 100000     one timed run in a
//       fresh process: wall time, comments/s and peak RSS (what the 10 s / 1 GB budget is about)
if (args.Length >= 1 && args[0] == "quick")
{
    var count = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
    var analyzer = new OfflineTextAnalyzer();
    var documents = CommentCorpus.Generate(count);
    var words = documents.Sum(d => d.Text.Count(c => c == ' ') + 1);
    analyzer.AnalyzeAsync(CommentCorpus.Generate(200, seed: 1), new CorpusAnalysisOptions(), CancellationToken.None).GetAwaiter().GetResult();
    using var self = Process.GetCurrentProcess();
    var cpuBefore = self.TotalProcessorTime;
    var pauseBefore = GC.GetTotalPauseDuration();
    var watch = Stopwatch.StartNew();
    var result = analyzer.AnalyzeAsync(documents, new CorpusAnalysisOptions(), CancellationToken.None).GetAwaiter().GetResult();
    watch.Stop();
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"comments={count} words/comment={(double)words / count:F1} cores={Environment.ProcessorCount} elapsed={watch.Elapsed.TotalSeconds:F2}s cpu={(process.TotalProcessorTime - cpuBefore).TotalSeconds:F2}s gcPause={(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F2}s rate={count / watch.Elapsed.TotalSeconds:F0}/s peakRSS={process.PeakWorkingSet64 / (1024 * 1024)}MB themes={result.Themes.Count} summary={result.Summary.Sentences.Count} pii={result.Documents.Sum(d => d.Pii.Entities.Count)}"));
    return;
}

if (args.Length >= 1 && args[0] == "features")
{
    var count = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
    var analyzer = new OfflineTextAnalyzer();
    var documents = CommentCorpus.Generate(count);
    foreach (var (name, run) in new (string, Func<object>)[]
    {
        ("language", () => analyzer.DetectLanguageAsync(documents, CancellationToken.None).Result),
        ("sentiment", () => analyzer.AnalyzeSentimentAsync(documents, CancellationToken.None).Result),
        ("keyphrases", () => analyzer.ExtractKeyPhrasesAsync(documents, CancellationToken.None).Result),
        ("pii", () => analyzer.RecognizePiiAsync(documents, CancellationToken.None).Result),
        ("themes", () => analyzer.FindThemesAsync(documents, new ThemeOptions(), CancellationToken.None).Result),
        ("summary", () => analyzer.SummarizeAsync(documents, new SummaryOptions(), CancellationToken.None).Result),
    })
    {
        var watch = Stopwatch.StartNew();
        run();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {watch.Elapsed.TotalSeconds:F2}s"));
    }

    var pii = analyzer.RecognizePiiAsync(documents.Take(2000).ToList(), CancellationToken.None).Result;
    foreach (var g in pii.SelectMany(p => p.Entities).GroupBy(e => e.Category))
    {
        Console.WriteLine($"{g.Key}: {g.Count()} e.g. {string.Join(" | ", g.Take(6).Select(e => e.Text))}");
    }

    return;
}

if (args.Length >= 1 && args[0] == "stress")
{
    // Pathological inputs for the PII patterns: each should take time linear in its length.
    var analyzer = new OfflineTextAnalyzer();
    var inputs = new (string Name, string Text)[]
    {
        ("dots-at", string.Concat(Enumerable.Repeat("a.", 50_000)) + "@"),
        ("at-dots", "x@" + string.Concat(Enumerable.Repeat("a-", 50_000))),
        ("digits", string.Concat(Enumerable.Repeat("1 2 3 ", 20_000))),
        ("capitals", "je m'appelle " + string.Concat(Enumerable.Repeat("Abc ", 25_000))),
        ("address", string.Concat(Enumerable.Repeat("12 Abc Def Ghi ", 8_000))),
        ("names-here", string.Concat(Enumerable.Repeat("Marie Roy Jean ", 8_000)) + " here"),
    };
    foreach (var (name, text) in inputs)
    {
        var watch = Stopwatch.StartNew();
        var result = analyzer.AnalyzeAsync([new TextDocument("s", text)], new CorpusAnalysisOptions(), CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {text.Length} chars, {watch.Elapsed.TotalMilliseconds:F0} ms, {result.Documents[0].Pii.Entities.Count} entities"));
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzeCommentsBenchmark).Assembly).Run(args);
