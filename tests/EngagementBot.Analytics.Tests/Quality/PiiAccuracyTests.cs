using EngagementBot.Analytics.Tests.Support;
using Xunit.Abstractions;

namespace EngagementBot.Analytics.Tests.Quality;

/// <summary>Span-level PII recall and precision on the dev feedback set (exact substrings).</summary>
public sealed class PiiAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Recall_is_at_least_0_98_and_precision_at_least_0_95_on_dev_feedback()
    {
        var lines = DevData.Feedback;
        var results = await Analyzer.Offline.RecognizePiiAsync(lines.Select(l => l.ToDocument()).ToList(), CancellationToken.None);
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var found = results[i].Entities.Select(e => e.Text).ToList();
            foreach (var gold in lines[i].Pii)
            {
                if (found.Remove(gold))
                {
                    truePositives++;
                }
                else
                {
                    falseNegatives++;
                    output.WriteLine($"missed {lines[i].Id}: {gold}");
                }
            }

            falsePositives += found.Count;
            found.ForEach(f => output.WriteLine($"spurious {lines[i].Id}: {f}"));
        }

        var recall = (double)truePositives / (truePositives + falseNegatives);
        var precision = (double)truePositives / Math.Max(1, truePositives + falsePositives);
        output.WriteLine($"PII spans: gold={truePositives + falseNegatives} tp={truePositives} fp={falsePositives} fn={falseNegatives} recall={recall:F4} precision={precision:F4}");
        Assert.True(truePositives + falseNegatives >= 60, "the dev set should hold at least 60 PII spans");
        Assert.True(recall >= 0.98, $"PII recall {recall:F4} is below 0.98");
        Assert.True(precision >= 0.95, $"PII precision {precision:F4} is below 0.95");
    }
}
