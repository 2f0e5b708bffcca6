namespace EngagementBot.Analytics.Model;

/// <summary>An extractive summary: sentences taken from the documents, each citing its sources.</summary>
/// <param name="Sentences">Summary sentences, most representative first.</param>
public sealed record ExtractiveSummary(IReadOnlyList<SummarySentence> Sentences);

/// <summary>One summary sentence and the ids of every document that says the same thing.</summary>
/// <param name="Text">The sentence (PII redacted unless disabled).</param>
/// <param name="DocumentIds">Cited document ids; the first is the one the text was taken from.</param>
/// <param name="RankScore">Relative importance, 0..1.</param>
public sealed record SummarySentence(string Text, IReadOnlyList<string> DocumentIds, double RankScore);

/// <summary>How the extractive summary is built.</summary>
public sealed record SummaryOptions
{
    /// <summary>Number of sentences (1–20).</summary>
    public int MaxSentences { get; init; } = 5;

    /// <summary>Replace personal data in summary sentences by placeholders.</summary>
    public bool RedactSentences { get; init; } = true;
}
