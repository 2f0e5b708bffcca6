using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline;

namespace EngagementBot.Analytics.Tests.Support;

/// <summary>Small helpers over one shared offline analyzer.</summary>
internal static class Analyzer
{
    public static OfflineTextAnalyzer Offline { get; } = new();

    public static DocumentSentiment Sentiment(string text, string id = "t")
    {
        return Offline.AnalyzeSentimentAsync([new TextDocument(id, text)], CancellationToken.None).GetAwaiter().GetResult()[0];
    }

    public static PiiResult Pii(string text)
    {
        return Offline.RecognizePiiAsync([new TextDocument("t", text)], CancellationToken.None).GetAwaiter().GetResult()[0];
    }

    public static LanguageResult Language(string text, string? hint = null)
    {
        return Offline.DetectLanguageAsync([new TextDocument("t", text, hint)], CancellationToken.None).GetAwaiter().GetResult()[0];
    }

    /// <summary>Signed polarity: positive score minus negative score.</summary>
    public static double Polarity(string text)
    {
        var s = Sentiment(text).Scores;
        return s.Positive - s.Negative;
    }
}
