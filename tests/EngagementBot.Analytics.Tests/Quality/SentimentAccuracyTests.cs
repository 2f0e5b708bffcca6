using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Sentiment;
using EngagementBot.Analytics.Tests.Support;
using Xunit.Abstractions;

namespace EngagementBot.Analytics.Tests.Quality;

/// <summary>
/// Binary sentiment accuracy (positive vs negative items; a document counts as positive when its
/// positive score beats its negative score). English: the UCI sentences held out from training.
/// French: the positive and negative lines of the dev feedback set.
/// </summary>
public sealed class SentimentAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task English_accuracy_on_held_out_UCI_sentences_is_at_least_0_82()
    {
        var heldOut = DevData.Uci.Where(s => UciSplit.IsHeldOut(s.Index)).ToList();
        Assert.Equal(600, heldOut.Count);
        var docs = heldOut.Select((s, i) => new TextDocument($"uci-{i}", s.Text, LanguageResult.English)).ToList();
        var results = await Analyzer.Offline.AnalyzeSentimentAsync(docs, CancellationToken.None);
        var correct = heldOut.Where((s, i) => results[i].Scores.LeansPositive == s.Positive).Count();
        var accuracy = (double)correct / heldOut.Count;
        foreach (var source in new[] { "amazon", "imdb", "yelp" })
        {
            var idx = heldOut.Select((s, i) => (s, i)).Where(x => x.s.Source == source).ToList();
            output.WriteLine($"{source}: {(double)idx.Count(x => results[x.i].Scores.LeansPositive == x.s.Positive) / idx.Count:F4}");
        }

        output.WriteLine($"English UCI held-out binary accuracy: {correct}/{heldOut.Count} = {accuracy:F4}");
        var undeclared = await Analyzer.Offline.AnalyzeSentimentAsync(heldOut.Select((s, i) => new TextDocument($"uci-{i}", s.Text)).ToList(), CancellationToken.None);
        var detectedCorrect = heldOut.Where((s, i) => undeclared[i].Scores.LeansPositive == s.Positive).Count();
        output.WriteLine($"  same without the language hint (detected language): {(double)detectedCorrect / heldOut.Count:F4}");
        Assert.True(accuracy >= 0.82, $"English held-out accuracy {accuracy:F4} is below 0.82");
    }

    [Fact]
    public async Task French_accuracy_on_dev_feedback_is_at_least_0_75()
    {
        var accuracy = await BinaryAccuracy("fr");
        Assert.True(accuracy >= 0.75, $"French dev accuracy {accuracy:F4} is below 0.75");
    }

    [Fact]
    public async Task English_accuracy_on_dev_feedback_beats_the_lexicon_baseline()
    {
        var accuracy = await BinaryAccuracy("en");
        Assert.True(accuracy >= 0.75, $"English civic dev accuracy {accuracy:F4} is below 0.75");
    }

    [Fact]
    public async Task Four_class_labels_on_dev_feedback_are_reported()
    {
        var lines = DevData.Feedback;
        var results = await Analyzer.Offline.AnalyzeSentimentAsync(lines.Select(l => l.ToDocument()).ToList(), CancellationToken.None);
        var correct = lines.Where((l, i) => results[i].Sentiment.ToString().Equals(l.Sentiment, StringComparison.OrdinalIgnoreCase)).Count();
        var accuracy = (double)correct / lines.Count;
        output.WriteLine($"4-class accuracy (positive/negative/neutral/mixed) on dev: {correct}/{lines.Count} = {accuracy:F4}");
        foreach (var gold in new[] { "positive", "negative", "neutral", "mixed" })
        {
            var row = lines.Select((l, i) => (l, i)).Where(x => x.l.Sentiment == gold).GroupBy(x => results[x.i].Sentiment.ToString().ToLowerInvariant()).Select(g => $"{g.Key}={g.Count()}");
            output.WriteLine($"  gold {gold}: {string.Join(", ", row)}");
        }

        // Chance with four classes is 0.25 and the majority class is 0.35.
        Assert.True(accuracy >= 0.45, $"4-class accuracy {accuracy:F4} is below 0.45");
    }

    private async Task<double> BinaryAccuracy(string lang)
    {
        var lines = DevData.Feedback.Where(l => l.Lang == lang && l.Sentiment is "positive" or "negative").ToList();
        var results = await Analyzer.Offline.AnalyzeSentimentAsync(lines.Select(l => l.ToDocument()).ToList(), CancellationToken.None);
        var correct = lines.Where((l, i) => results[i].Scores.LeansPositive == (l.Sentiment == "positive")).Count();
        var accuracy = (double)correct / lines.Count;
        output.WriteLine($"{lang} dev binary accuracy: {correct}/{lines.Count} = {accuracy:F4}");
        return accuracy;
    }
}
