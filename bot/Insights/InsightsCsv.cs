using System.Globalization;
using CsvHelper;
using EngagementBot.Dialogs.Insights;

namespace EngagementBot.Bot.Insights;

/// <summary>The analysed comments of a report as CSV (RFC 4180, UTF-8), one row per free-text answer, PII redacted.</summary>
public static class InsightsCsv
{
    /// <summary>The column names, in order.</summary>
    public static readonly string[] Header =
        ["response_id", "consultation_id", "question_id", "answered_at", "language", "sentiment", "positive", "neutral", "negative", "themes", "theme_keys", "text_redacted"];

    /// <summary>Writes the report's comments.</summary>
    public static async Task WriteAsync(InsightsReport report, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var comment in report.Comments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(comment.ResponseId);
            csv.WriteField(comment.ConsultationId);
            csv.WriteField(comment.QuestionId);
            csv.WriteField(comment.AnsweredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            csv.WriteField(comment.Language);
            csv.WriteField(comment.Sentiment.ToString().ToLowerInvariant());
            csv.WriteField(comment.Scores.Positive.ToString("0.###", CultureInfo.InvariantCulture));
            csv.WriteField(comment.Scores.Neutral.ToString("0.###", CultureInfo.InvariantCulture));
            csv.WriteField(comment.Scores.Negative.ToString("0.###", CultureInfo.InvariantCulture));
            csv.WriteField(string.Join("; ", comment.ThemeLabels));
            csv.WriteField(string.Join("; ", comment.ThemeKeys));
            csv.WriteField(comment.RedactedText);
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }
}
