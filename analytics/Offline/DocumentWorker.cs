using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Language;
using EngagementBot.Analytics.Offline.Pii;
using EngagementBot.Analytics.Offline.Sentiment;
using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline;

/// <summary>
/// Analyses one document at a time with buffers reused across documents (one worker per thread):
/// folding and tokenising once, then language, sentiment and the other features over the same tokens.
/// </summary>
internal sealed class DocumentWorker
{
    private readonly List<(int Index, float Value)> _features = [];
    private char[] _folded = new char[256];

    public List<Token> Tokens { get; } = [];

    public List<SentenceSpan> Sentences { get; } = [];

    public SentimentScratch Sentiment { get; } = new();

    public string Text { get; private set; } = string.Empty;

    public ReadOnlySpan<char> Folded => _folded.AsSpan(0, Text.Length);

    /// <summary>Folds and tokenises <paramref name="text"/>.</summary>
    public void Load(string text)
    {
        Text = text;
        if (_folded.Length < text.Length)
        {
            _folded = new char[Math.Max(text.Length, _folded.Length * 2)];
        }

        TextFolding.Fold(text, _folded);
        Tokenizer.Tokenize(text, Folded, Tokens, Sentences);
    }

    public List<PiiEntity> Entities { get; } = [];

    /// <summary>Personal data of the loaded document; tokens inside an entity are flagged <see cref="Token.IsPii"/>.</summary>
    public PiiResult RecognizePii(string id)
    {
        PiiDetector.Detect(Text, Entities);
        if (Entities.Count > 0)
        {
            var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Tokens);
            foreach (var e in Entities)
            {
                for (var k = 0; k < tokens.Length; k++)
                {
                    if (tokens[k].Start < e.Offset + e.Length && e.Offset < tokens[k].End)
                    {
                        tokens[k].IsPii = true;
                    }
                }
            }
        }

        return new PiiResult(id, Entities.Count == 0 ? [] : [.. Entities], PiiDetector.Redact(Text, Entities));
    }

    public (string Language, double Confidence) DetectLanguage(string? hint) => LanguageDetector.Detect(Text, Folded, Tokens, hint);

    /// <summary>Sentiment of the loaded document; English uses the trained model when present.</summary>
    public DocumentSentiment AnalyzeSentiment(string id, string language)
    {
        var french = language != LanguageResult.English;
        RuleSentimentScorer.Score(Folded, Tokens, Sentences, french, Sentiment);
        var model = french ? null : EnglishSentimentModel.Default;
        var sentences = new SentenceSentiment[Sentences.Count];
        for (var s = 0; s < Sentences.Count; s++)
        {
            var span = Sentences[s];
            var (pos, neg) = Sentiment.Sentences[s];
            float? p = null;
            if (model is not null)
            {
                SentimentFeatures.Extract(Folded, Tokens, span.FirstToken, span.FirstToken + span.TokenCount, Sentiment.Negated, pos, neg, _features);
                p = model.Probability(_features);
            }

            var (label, scores) = SentimentLabeler.Label(pos, neg, p);
            sentences[s] = new SentenceSentiment(Text.Substring(span.Start, span.Length), span.Start, span.Length, label, scores);
        }

        float? docP = null;
        if (model is not null)
        {
            SentimentFeatures.Extract(Folded, Tokens, 0, Tokens.Count, Sentiment.Negated, Sentiment.DocumentPositive, Sentiment.DocumentNegative, _features);
            docP = model.Probability(_features);
        }

        var (docLabel, docScores) = SentimentLabeler.Label(Sentiment.DocumentPositive, Sentiment.DocumentNegative, docP);
        return new DocumentSentiment(id, docLabel, docScores, sentences);
    }

    /// <summary>Features of the whole loaded document after <see cref="RuleSentimentScorer.Score"/> (trainer).</summary>
    public List<(int Index, float Value)> ExtractFeatures()
    {
        RuleSentimentScorer.Score(Folded, Tokens, Sentences, french: false, Sentiment);
        SentimentFeatures.Extract(Folded, Tokens, 0, Tokens.Count, Sentiment.Negated, Sentiment.DocumentPositive, Sentiment.DocumentNegative, _features);
        return _features;
    }
}
