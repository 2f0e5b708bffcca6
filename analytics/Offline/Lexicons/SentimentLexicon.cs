using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;

namespace EngagementBot.Analytics.Offline.Lexicons;

/// <summary>
/// Valence (-4..4) of folded words and multi-word terms for one language, merged from the curated
/// lexicon (wins) and the npm lexicons. Unknown words fall back to light stemming (plural/feminine,
/// French pattern stems) and to a one-edit fuzzy match on strong words, and the outcome is cached so
/// that each distinct word is resolved once.
/// </summary>
internal sealed class SentimentLexicon
{
    private const int MaxCacheEntries = 400_000;
    private const int FuzzyMinLength = 6;

    private static readonly Lazy<SentimentLexicon> LazyFrench = new(BuildFrench);
    private static readonly Lazy<SentimentLexicon> LazyEnglish = new(BuildEnglish);

    private readonly FrozenDictionary<string, float> _words;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _wordsLookup;
    private readonly FrozenDictionary<string, float> _phrases;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _phrasesLookup;
    private readonly FrozenDictionary<string, int> _phraseStarts;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _phraseStartsLookup;
    private readonly FrozenDictionary<string, float> _stems;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _stemsLookup;
    private readonly FrozenDictionary<string, string> _deletes;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _deletesLookup;
    private readonly ConcurrentDictionary<string, float> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;
    private readonly bool _french;

    private SentimentLexicon(Dictionary<string, float> words, Dictionary<string, float> phrases, Dictionary<string, float> stems, bool french)
    {
        _french = french;
        _words = words.ToFrozenDictionary(StringComparer.Ordinal);
        _wordsLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _phrases = phrases.ToFrozenDictionary(StringComparer.Ordinal);
        _phrasesLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseStarts = phrases.Keys
            .GroupBy(k => k[..k.IndexOf(' ', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Aggregate(0, (mask, k) => mask | (1 << Math.Min(PhraseKey.WordCount(k), 30))), StringComparer.Ordinal);
        _phraseStartsLookup = _phraseStarts.GetAlternateLookup<ReadOnlySpan<char>>();
        _stems = stems.ToFrozenDictionary(StringComparer.Ordinal);
        _stemsLookup = _stems.GetAlternateLookup<ReadOnlySpan<char>>();
        _deletes = BuildDeletes(words);
        _deletesLookup = _deletes.GetAlternateLookup<ReadOnlySpan<char>>();
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxPhraseWords = phrases.Count == 0 ? 1 : phrases.Keys.Max(PhraseKey.WordCount);
    }

    /// <summary>The French lexicon (curated + AFINN-fr + pattern stems).</summary>
    public static SentimentLexicon French => LazyFrench.Value;

    /// <summary>The English lexicon (curated + VADER + AFINN-165).</summary>
    public static SentimentLexicon English => LazyEnglish.Value;

    /// <summary>Longest multi-word term, in words.</summary>
    public int MaxPhraseWords { get; }

    /// <summary>Valence of a folded word (0 when unknown).</summary>
    public float Word(ReadOnlySpan<char> folded)
    {
        if (_cacheLookup.TryGetValue(folded, out var cached))
        {
            return cached;
        }

        var value = Resolve(folded);
        if (_cache.Count < MaxCacheEntries)
        {
            _cacheLookup.TryAdd(folded, value);
        }

        return value;
    }

    /// <summary>Whether some multi-word term starts with this folded word.</summary>
    public bool StartsPhrase(ReadOnlySpan<char> folded) => _phraseStartsLookup.ContainsKey(folded);

    /// <summary>Bit n set when a term of n words starts with this folded word (0 when none).</summary>
    public int PhraseLengths(ReadOnlySpan<char> folded) => _phraseStartsLookup.TryGetValue(folded, out var mask) ? mask : 0;

    /// <summary>Valence of a multi-word key ("w1 w2 …", folded, single spaces).</summary>
    public bool TryPhrase(ReadOnlySpan<char> key, out float valence) => _phrasesLookup.TryGetValue(key, out valence);

    /// <summary>Whether the exact folded word is in the lexicon (no stemming or fuzzy match).</summary>
    public bool ContainsExact(ReadOnlySpan<char> folded) => _wordsLookup.ContainsKey(folded);

    private float Resolve(ReadOnlySpan<char> w)
    {
        if (_wordsLookup.TryGetValue(w, out var v))
        {
            return v;
        }

        if (w.Length < 4)
        {
            return 0;
        }

        // Inflections: plural / feminine (fr), plural / adverb (en).
        ReadOnlySpan<string> suffixes = _french ? ["s", "x", "e", "es", "ee", "ees", "ment"] : ["s", "es", "ly", "d", "ed"];
        foreach (var suffix in suffixes)
        {
            if (w.Length - suffix.Length >= 4 && w.EndsWith(suffix, StringComparison.Ordinal) && _wordsLookup.TryGetValue(w[..^suffix.Length], out v))
            {
                return v;
            }
        }

        if (_stems.Count > 0)
        {
            for (var cut = 0; cut <= 4 && w.Length - cut >= 5; cut++)
            {
                if (_stemsLookup.TryGetValue(w[..^cut], out v))
                {
                    return v;
                }
            }
        }

        return w.Length >= FuzzyMinLength ? Fuzzy(w) : 0;
    }

    private float Fuzzy(ReadOnlySpan<char> w)
    {
        // One deletion on the lexicon side (the writer dropped a letter).
        if (_deletesLookup.TryGetValue(w, out var word))
        {
            return _words[word];
        }

        Span<char> buffer = stackalloc char[64];
        if (w.Length > buffer.Length)
        {
            return 0;
        }

        for (var i = 0; i < w.Length; i++)
        {
            w[..i].CopyTo(buffer);
            w[(i + 1)..].CopyTo(buffer[i..]);
            var deleted = buffer[..(w.Length - 1)];

            // An extra letter typed.
            if (_wordsLookup.TryGetValue(deleted, out var v) && Math.Abs(v) >= 1.5f)
            {
                return v;
            }

            // One letter substituted (both sides lose the same position).
            if (_deletesLookup.TryGetValue(deleted, out word) && word.Length == w.Length)
            {
                return _words[word];
            }
        }

        return 0;
    }

    private static FrozenDictionary<string, string> BuildDeletes(Dictionary<string, float> words)
    {
        var deletes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, valence) in words)
        {
            if (word.Length < FuzzyMinLength || Math.Abs(valence) < 1.5f || !word.All(char.IsLetter))
            {
                continue;
            }

            for (var i = 0; i < word.Length; i++)
            {
                var d = string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
                if (!words.ContainsKey(d))
                {
                    deletes.TryAdd(d, word);
                }
            }
        }

        return deletes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static SentimentLexicon BuildFrench()
    {
        var words = new Dictionary<string, float>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, float>(StringComparer.Ordinal);
        Load("curated-fr.tsv", 1f, words, phrases);
        Load("emoji.tsv", 1f, words, phrases);
        Load("afinn-fr.tsv", 0.8f, words, phrases);
        var stems = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var row in ResourceFiles.ReadRows("pattern-fr.tsv"))
        {
            var v = float.Parse(row[1], CultureInfo.InvariantCulture) * 2.5f;
            if (Math.Abs(v) >= 0.5f)
            {
                stems.TryAdd(row[0], v);
            }
        }

        return new SentimentLexicon(words, phrases, stems, french: true);
    }

    private static SentimentLexicon BuildEnglish()
    {
        var words = new Dictionary<string, float>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, float>(StringComparer.Ordinal);
        Load("curated-en.tsv", 1f, words, phrases);
        Load("emoji.tsv", 1f, words, phrases);
        Load("vader-en.tsv", 1f, words, phrases);
        Load("afinn-en.tsv", 0.8f, words, phrases);
        return new SentimentLexicon(words, phrases, [], french: false);
    }

    private static void Load(string file, float scale, Dictionary<string, float> words, Dictionary<string, float> phrases)
    {
        foreach (var row in ResourceFiles.ReadRows(file))
        {
            if (row.Length < 2 || !float.TryParse(row[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                continue;
            }

            var key = PhraseKey.Of(row[0]);
            if (key.Length == 0)
            {
                continue;
            }

            var target = key.Contains(' ', StringComparison.Ordinal) ? phrases : words;
            target.TryAdd(key, v * scale);
        }
    }
}
