using EngagementBot.Analytics.Model;

namespace EngagementBot.Dialogs.Insights;

/// <summary>A staff report over the feedback of a scope: counts, analytics, KPIs and every analysed comment.</summary>
public sealed record InsightsReport
{
    /// <summary>What was asked.</summary>
    public required InsightsFilter Filter { get; init; }

    /// <summary>Readable name of the scope (consultation or project title, or "all consultations").</summary>
    public required string ScopeLabel { get; init; }

    /// <summary>When it was computed.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Responses started in the period (imported feedback included).</summary>
    public required int Responses { get; init; }

    /// <summary>Of those, responses submitted.</summary>
    public required int Submitted { get; init; }

    /// <summary>Sentiment counts over the comments.</summary>
    public required SentimentBreakdown Sentiment { get; init; }

    /// <summary>Largest themes first, with redacted quotes.</summary>
    public required IReadOnlyList<ThemeInsight> Themes { get; init; }

    /// <summary>Extractive summary; each sentence cites its responses.</summary>
    public required IReadOnlyList<SummaryLine> Summary { get; init; }

    /// <summary>Most frequent key phrases.</summary>
    public required IReadOnlyList<KeyPhraseCount> KeyPhrases { get; init; }

    /// <summary>Comments per detected language.</summary>
    public required LanguageSplit Languages { get; init; }

    /// <summary>Engagement KPIs and relationship indicators.</summary>
    public required EngagementKpis Kpis { get; init; }

    /// <summary>Every analysed comment (redacted), oldest response first.</summary>
    public required IReadOnlyList<CommentInsight> Comments { get; init; }

    /// <summary>Completion rate of the responses (submitted / started), or <see langword="null"/> without responses.</summary>
    public double? CompletionRate => Responses == 0 ? null : (double)Submitted / Responses;

    /// <summary>Comments that came from imported feedback (<see cref="ImportedFeedback"/>).</summary>
    public int ImportedComments => Comments.Count(c => c.ConsultationId.EndsWith(ImportedFeedback.ConsultationId(string.Empty), StringComparison.Ordinal));
}

/// <summary>Comment counts per sentiment.</summary>
public sealed record SentimentBreakdown(int Positive, int Neutral, int Negative, int Mixed)
{
    /// <summary>All comments.</summary>
    public int Total => Positive + Neutral + Negative + Mixed;

    /// <summary>The count of a label.</summary>
    public int Of(SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => Positive,
        SentimentLabel.Negative => Negative,
        SentimentLabel.Mixed => Mixed,
        _ => Neutral,
    };
}

/// <summary>Comments per detected language.</summary>
public sealed record LanguageSplit(int French, int English, int Other);

/// <summary>A theme with its comment count and 1–3 redacted quotes.</summary>
/// <param name="Key">Stable key (e.g. <c>parking</c>).</param>
/// <param name="Label">Readable label in the report's language.</param>
/// <param name="Count">Comments in the theme.</param>
/// <param name="Quotes">Redacted quotes with the response they come from.</param>
public sealed record ThemeInsight(string Key, string Label, int Count, IReadOnlyList<Quote> Quotes);

/// <summary>A redacted sentence and the response it comes from.</summary>
public sealed record Quote(string ResponseId, string Text);

/// <summary>A summary sentence (redacted) and the responses that say the same.</summary>
public sealed record SummaryLine(string Text, IReadOnlyList<string> ResponseIds);

/// <summary>One analysed free-text answer (PII redacted).</summary>
public sealed record CommentInsight(
    string ResponseId,
    string ConsultationId,
    string QuestionId,
    DateTimeOffset AnsweredAt,
    string Language,
    SentimentLabel Sentiment,
    SentimentScores Scores,
    IReadOnlyList<string> ThemeKeys,
    IReadOnlyList<string> ThemeLabels,
    string RedactedText);
