using EngagementBot.Dialogs.Understanding.Text;

namespace EngagementBot.Dialogs.Understanding.Faq;

/// <summary>
/// Finds the FAQ entry that answers a citizen's question, in French or English: BM25 over each entry's
/// questions (counted twice) and answers, both languages, with accent folding, FR/EN stop words,
/// synonyms, stemming and typo correction (<see cref="FaqTextAnalyzer"/>). Below
/// <see cref="MinConfidence"/> it returns nothing, so the caller offers the ask-staff path instead of
/// guessing. Immutable and thread-safe once built.
/// </summary>
public sealed class FaqIndex
{
    /// <summary>The default <see cref="MinConfidence"/>.</summary>
    public const double DefaultMinConfidence = 0.5;

    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int QuestionBoost = 2;
    private const double UnknownTermWeight = 0.35;

    private readonly FaqEntry[] _entries;
    private readonly Dictionary<string, int>[] _termCounts;
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly SpellingCorrector _corrector;

    /// <summary>Indexes <paramref name="entries"/>.</summary>
    /// <param name="entries">The project's FAQ.</param>
    /// <param name="minConfidence">Below this confidence <see cref="FindBestMatch"/> returns null (0 to 1).</param>
    public FaqIndex(IEnumerable<FaqEntry> entries, double minConfidence = DefaultMinConfidence)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThan(minConfidence, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minConfidence, 1d);
        MinConfidence = minConfidence;
        _entries = [.. entries];
        _termCounts = new Dictionary<string, int>[_entries.Length];
        _lengths = new int[_entries.Length];
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _entries.Length; i++)
        {
            var entry = _entries[i] ?? throw new ArgumentException("The FAQ contains a null entry.", nameof(entries));
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var questions = entry.QuestionFr + " \n " + entry.QuestionEn;
            var answers = entry.AnswerFr + " \n " + entry.AnswerEn;
            foreach (var term in FaqTextAnalyzer.Terms(questions))
            {
                counts[term] = counts.GetValueOrDefault(term) + QuestionBoost;
                _lengths[i] += QuestionBoost;
            }

            foreach (var term in FaqTextAnalyzer.Terms(answers))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
                _lengths[i]++;
            }

            foreach (var word in FaqTextAnalyzer.Words(questions + " \n " + answers))
            {
                vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
            }

            foreach (var term in counts.Keys)
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }

            _termCounts[i] = counts;
        }

        foreach (var word in FaqTextAnalyzer.SynonymWords)
        {
            vocabulary.TryAdd(word, 1);
        }

        _averageLength = _entries.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
        _corrector = new SpellingCorrector(vocabulary);
    }

    /// <summary>Below this confidence <see cref="FindBestMatch"/> returns null.</summary>
    public double MinConfidence { get; }

    /// <summary>How many entries the index holds.</summary>
    public int Count => _entries.Length;

    /// <summary>The entry that answers <paramref name="question"/>, or null when none is confident enough.</summary>
    public FaqMatch? FindBestMatch(string question)
    {
        var ranked = Search(question, 1);
        return ranked.Count > 0 && ranked[0].Confidence >= MinConfidence ? ranked[0] : null;
    }

    /// <summary>The <paramref name="max"/> best entries for <paramref name="question"/>, best first, whatever their confidence.</summary>
    public IReadOnlyList<FaqMatch> Search(string question, int max = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (_entries.Length == 0 || string.IsNullOrWhiteSpace(question))
        {
            return [];
        }

        var queryTerms = FaqTextAnalyzer.Terms(question, _corrector).Distinct(StringComparer.Ordinal).ToArray();
        if (queryTerms.Length == 0)
        {
            return [];
        }

        var idf = new double[queryTerms.Length];
        var totalIdf = 0d;
        for (var t = 0; t < queryTerms.Length; t++)
        {
            var documentFrequency = _documentFrequency.GetValueOrDefault(queryTerms[t]);
            idf[t] = InverseDocumentFrequency(documentFrequency);

            // Words the FAQ never uses are often filler ("somewhere", "vieux"): they lower the confidence, but less.
            totalIdf += documentFrequency == 0 ? UnknownTermWeight * idf[t] : idf[t];
        }

        var scored = new List<(int Entry, double Score, double Coverage)>(_entries.Length);
        for (var d = 0; d < _entries.Length; d++)
        {
            var score = 0d;
            var covered = 0d;
            for (var t = 0; t < queryTerms.Length; t++)
            {
                if (!_termCounts[d].TryGetValue(queryTerms[t], out var tf))
                {
                    continue;
                }

                covered += idf[t];
                score += idf[t] * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * _lengths[d] / _averageLength))));
            }

            if (score > 0)
            {
                scored.Add((d, score, covered / totalIdf));
            }
        }

        scored.Sort((x, y) => y.Score.CompareTo(x.Score));
        var result = new List<FaqMatch>(Math.Min(max, scored.Count));
        for (var i = 0; i < scored.Count && i < max; i++)
        {
            var (entry, score, coverage) = scored[i];

            // A runner-up nearly as good as the best means the question is ambiguous between entries.
            var margin = i == 0 && scored.Count > 1 ? Math.Min(1, 0.5 + ((score - scored[1].Score) / score)) : 1;
            result.Add(new FaqMatch(_entries[entry], Math.Round(coverage * margin, 4), score));
        }

        return result;
    }

    private double InverseDocumentFrequency(int documentFrequency) =>
        Math.Log(1 + ((_entries.Length - documentFrequency + 0.5) / (documentFrequency + 0.5)));
}
