namespace EngagementBot.Analytics.Model;

/// <summary>Overall sentiment of a text.</summary>
public enum SentimentLabel
{
    /// <summary>Mostly positive.</summary>
    Positive,

    /// <summary>No clear opinion.</summary>
    Neutral,

    /// <summary>Mostly negative.</summary>
    Negative,

    /// <summary>Clearly positive and clearly negative parts.</summary>
    Mixed,
}

/// <summary>Confidence scores that sum to 1 (as Azure AI Language reports them).</summary>
public readonly record struct SentimentScores(double Positive, double Neutral, double Negative)
{
    /// <summary>Positive when the positive score beats the negative one, else negative (binary view).</summary>
    public bool LeansPositive => Positive > Negative;
}

/// <summary>Sentiment of one sentence of a document.</summary>
/// <param name="Text">The sentence as written.</param>
/// <param name="Offset">UTF-16 offset of the sentence in the document.</param>
/// <param name="Length">UTF-16 length.</param>
/// <param name="Sentiment">Label.</param>
/// <param name="Scores">Confidence scores.</param>
public sealed record SentenceSentiment(string Text, int Offset, int Length, SentimentLabel Sentiment, SentimentScores Scores);

/// <summary>Sentiment of a document and of its sentences.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Sentiment">Document label.</param>
/// <param name="Scores">Document confidence scores.</param>
/// <param name="Sentences">Each sentence in order.</param>
public sealed record DocumentSentiment(string Id, SentimentLabel Sentiment, SentimentScores Scores, IReadOnlyList<SentenceSentiment> Sentences);
