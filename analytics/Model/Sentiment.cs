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
public sealed class SentenceSentiment
{
    private readonly string _source;
    private readonly bool _sliceOfSource;

    /// <summary>Creates a sentence result.</summary>
    /// <param name="text">The sentence as written.</param>
    /// <param name="offset">UTF-16 offset of the sentence in the document.</param>
    /// <param name="length">UTF-16 length.</param>
    /// <param name="sentiment">Label.</param>
    /// <param name="scores">Confidence scores.</param>
    public SentenceSentiment(string text, int offset, int length, SentimentLabel sentiment, SentimentScores scores)
        : this(text, false, offset, length, sentiment, scores)
    {
    }

    private SentenceSentiment(string source, bool sliceOfSource, int offset, int length, SentimentLabel sentiment, SentimentScores scores)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _sliceOfSource = sliceOfSource;
        Offset = offset;
        Length = length;
        Sentiment = sentiment;
        Scores = scores;
    }

    /// <summary>The sentence as written (taken from the document on first use).</summary>
    public string Text => _sliceOfSource ? _source.Substring(Offset, Length) : _source;

    /// <summary>UTF-16 offset of the sentence in the document.</summary>
    public int Offset { get; }

    /// <summary>UTF-16 length.</summary>
    public int Length { get; }

    /// <summary>Label.</summary>
    public SentimentLabel Sentiment { get; }

    /// <summary>Confidence scores.</summary>
    public SentimentScores Scores { get; }

    /// <summary>A sentence result that refers to its document's text instead of copying the sentence.</summary>
    internal static SentenceSentiment FromDocument(string document, int offset, int length, SentimentLabel sentiment, SentimentScores scores) =>
        new(document, true, offset, length, sentiment, scores);
}

/// <summary>Sentiment of a document and of its sentences.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Sentiment">Document label.</param>
/// <param name="Scores">Document confidence scores.</param>
/// <param name="Sentences">Each sentence in order.</param>
public sealed record DocumentSentiment(string Id, SentimentLabel Sentiment, SentimentScores Scores, IReadOnlyList<SentenceSentiment> Sentences);
