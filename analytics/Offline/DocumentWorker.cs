using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.KeyPhrases;
using EngagementBot.Analytics.Offline.Language;
using EngagementBot.Analytics.Offline.Pii;
using EngagementBot.Analytics.Offline.Sentiment;
using EngagementBot.Analytics.Offline.Text;
using EngagementBot.Analytics.Offline.Themes;

namespace EngagementBot.Analytics.Offline;

/// <summary>
/// Analyses one document at a time with buffers reused across documents (one worker per thread):
/// folding and tokenising once, then language, sentiment and the other features over the same tokens.
/// </summary>
internal sealed class DocumentWorker
{
    private const int MaxKeyPhrases = 5;
    private readonly List<(int Index, float Value)> _features = [];
    private readonly List<(int Start, int End, float Score)> _runs = [];
    private readonly List<string> _phrases = [];
    private readonly List<int> _sentenceIds = [];
    private readonly List<int> _docIds = [];
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
        var docSum = 0f;
        var docCount = 0;
        for (var s = 0; s < Sentences.Count; s++)
        {
            var span = Sentences[s];
            var (pos, neg) = Sentiment.Sentences[s];
            float? p = null;
            if (model is not null)
            {
                var (sum, count) = SentimentFeatures.NgramWeights(model.Weights, Folded, Tokens, span.FirstToken, span.FirstToken + span.TokenCount, Sentiment.Negated);
                docSum += sum;
                docCount += count;
                p = EnglishSentimentModel.Sigmoid(SentimentFeatures.Logit(model.Weights, sum, count, pos, neg));
            }

            var (label, scores) = SentimentLabeler.Label(pos, neg, p);
            sentences[s] = SentenceSentiment.FromDocument(Text, span.Start, span.Length, label, scores);
        }

        float? docP = model is null ? null : EnglishSentimentModel.Sigmoid(SentimentFeatures.Logit(model.Weights, docSum, docCount, Sentiment.DocumentPositive, Sentiment.DocumentNegative));
        var (docLabel, docScores) = SentimentLabeler.Label(Sentiment.DocumentPositive, Sentiment.DocumentNegative, docP, Sentiment.RawPositive, Sentiment.RawNegative);
        return new DocumentSentiment(id, docLabel, docScores, sentences);
    }

    /// <summary>Runs the requested analyses on one document and keeps what the corpus steps need.</summary>
    public void Process(DocumentFacts facts, AnalysisFeatures features, Vocabulary? vocabulary)
    {
        var document = facts.Document;
        Load(document.Text);
        var (language, confidence) = DetectLanguage(document.LanguageHint);
        facts.Language = new LanguageResult(document.Id, language, Math.Round(confidence, 4));
        // As with Azure AI Language, a document's stated language decides how it is analysed; detection is reported.
        var french = document.LanguageHint switch
        {
            LanguageResult.French => true,
            LanguageResult.English => false,
            _ => language == LanguageResult.French,
        };
        if ((features & (AnalysisFeatures.Pii | AnalysisFeatures.KeyPhrases | AnalysisFeatures.Themes | AnalysisFeatures.Summary)) != 0)
        {
            facts.Pii = RecognizePii(document.Id);
        }

        if ((features & AnalysisFeatures.Sentiment) != 0 || (features & (AnalysisFeatures.Themes | AnalysisFeatures.Summary)) != 0)
        {
            facts.Sentiment = AnalyzeSentiment(document.Id, french ? LanguageResult.French : LanguageResult.English);
        }

        if ((features & (AnalysisFeatures.KeyPhrases | AnalysisFeatures.Themes)) != 0)
        {
            KeyPhraseExtractor.Extract(Text, Folded, Tokens, french, MaxKeyPhrases, _runs, _phrases);
            facts.KeyPhrases = _phrases.Count == 0 ? [] : [.. _phrases];
        }

        if ((features & AnalysisFeatures.Themes) != 0)
        {
            var catalog = ThemeCatalog.Default;
            var n = catalog.Themes.Count;
            Span<float> hits = stackalloc float[n];
            Span<int> sentence = stackalloc int[n];
            Span<float> best = stackalloc float[n];
            catalog.Match(Folded, Tokens, hits, sentence, best, Sentences);
            var first = ThemeMatch.None;
            var second = ThemeMatch.None;
            for (var t = 0; t < n; t++)
            {
                if (hits[t] <= 0)
                {
                    continue;
                }

                var match = new ThemeMatch(t, hits[t], sentence[t]);
                if (first.Theme < 0 || match.Hits > first.Hits)
                {
                    second = first;
                    first = match;
                }
                else if (second.Theme < 0 || match.Hits > second.Hits)
                {
                    second = match;
                }
            }

            facts.Primary = first;
            facts.Secondary = second;
        }

        if (vocabulary is not null && (features & (AnalysisFeatures.Themes | AnalysisFeatures.Summary)) != 0)
        {
            CollectContentWords(facts, french, vocabulary);
        }
    }

    private void CollectContentWords(DocumentFacts facts, bool french, Vocabulary vocabulary)
    {
        var sentences = new SentenceFacts[Sentences.Count];
        _docIds.Clear();
        _sentenceIds.Clear();
        for (var s = 0; s < Sentences.Count; s++)
        {
            var span = Sentences[s];
            var idStart = _sentenceIds.Count;
            var words = 0;
            for (var i = span.FirstToken; i < span.FirstToken + span.TokenCount; i++)
            {
                var t = Tokens[i];
                if (t.Kind == TokenKind.Word)
                {
                    words++;
                }

                if (ContentWords.IsContent(Folded, t, french))
                {
                    var id = vocabulary.IdOf(ContentWords.Key(Folded.Slice(t.Start, t.Length)));
                    if (System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sentenceIds)[idStart..].IndexOf(id) < 0)
                    {
                        _sentenceIds.Add(id);
                    }

                    if (!_docIds.Contains(id))
                    {
                        _docIds.Add(id);
                    }
                }
            }

            sentences[s] = new SentenceFacts(span.Start, span.Length, words, idStart, _sentenceIds.Count - idStart);
        }

        facts.Sentences = sentences;
        facts.SentenceIds = [.. _sentenceIds];
        facts.ContentIds = [.. _docIds];
    }

    /// <summary>Features of the whole loaded document after <see cref="RuleSentimentScorer.Score"/> (trainer).</summary>
    public List<(int Index, float Value)> ExtractFeatures()
    {
        RuleSentimentScorer.Score(Folded, Tokens, Sentences, french: false, Sentiment);
        SentimentFeatures.Extract(Folded, Tokens, 0, Tokens.Count, Sentiment.Negated, Sentiment.DocumentPositive, Sentiment.DocumentNegative, _features);
        return _features;
    }
}

