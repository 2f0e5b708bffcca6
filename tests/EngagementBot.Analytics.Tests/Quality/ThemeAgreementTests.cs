using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Tests.Support;
using Xunit.Abstractions;

namespace EngagementBot.Analytics.Tests.Quality;

/// <summary>
/// Themes found on the dev feedback set against its labelled themes: the share of comments whose
/// first theme is one of their labels, and micro precision/recall over (comment, theme) pairs.
/// </summary>
public sealed class ThemeAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Seeded_themes_agree_with_the_dev_labels()
    {
        var lines = DevData.Feedback;
        var analysis = await Analyzer.Offline.AnalyzeAsync(lines.Select(l => l.ToDocument()).ToList(), new CorpusAnalysisOptions { Themes = new ThemeOptions { MaxThemes = 30 } }, CancellationToken.None);
        int primaryHits = 0, tp = 0, fp = 0, fn = 0, unthemed = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var predicted = analysis.Documents[i].ThemeKeys.Where(k => !k.StartsWith("kw:", StringComparison.Ordinal)).ToList();
            var gold = lines[i].Themes;
            if (predicted.Count == 0)
            {
                unthemed++;
            }
            else if (gold.Contains(predicted[0]))
            {
                primaryHits++;
            }

            tp += predicted.Count(gold.Contains);
            fp += predicted.Count(p => !gold.Contains(p));
            fn += gold.Count(g => !predicted.Contains(g));
        }

        var primary = (double)primaryHits / lines.Count;
        var precision = (double)tp / Math.Max(1, tp + fp);
        var recall = (double)tp / Math.Max(1, tp + fn);
        output.WriteLine($"first theme is a labelled theme: {primaryHits}/{lines.Count} = {primary:F4}; no seeded theme: {unthemed}");
        output.WriteLine($"(comment, theme) pairs: precision={precision:F4} recall={recall:F4} F1={2 * precision * recall / (precision + recall):F4}");
        foreach (var theme in analysis.Themes)
        {
            output.WriteLine($"  {theme.Key} \"{theme.Label}\" {theme.Count}: {string.Join(" | ", theme.Quotes.Select(q => q.DocumentId + " " + q.Text))}");
        }

        Assert.True(primary >= 0.70, $"first-theme agreement {primary:F4} is below 0.70");
        Assert.True(recall >= 0.65, $"pair recall {recall:F4} is below 0.65");
    }
}
