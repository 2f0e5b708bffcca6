using System.Collections.Concurrent;
using System.Collections.Frozen;
using EngagementBot.Analytics.Offline.Lexicons;
using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.Themes;

/// <summary>One seeded civic theme: key and labels.</summary>
internal sealed record SeededTheme(int Index, string Key, string LabelFr, string LabelEn);

/// <summary>
/// Seeded civic themes (themes.tsv): terms in French and English, exact, plural-insensitive, by
/// prefix ("accessib*") or multi-word ("jeux d'eau"). Matches each document's tokens.
/// </summary>
internal sealed class ThemeCatalog
{
    private const int MaxCacheEntries = 400_000;
    private static readonly Lazy<ThemeCatalog> LazyDefault = new(() => new ThemeCatalog());

    private readonly FrozenDictionary<string, int> _words;
    private readonly FrozenDictionary<string, int> _phrases;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _phrasesLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _phraseStarts;
    private readonly FrozenDictionary<string, int> _prefixes;
    private readonly ConcurrentDictionary<string, int> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;

    private ThemeCatalog()
    {
        var themes = new List<SeededTheme>();
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in ResourceFiles.ReadRows("themes.tsv"))
        {
            var theme = new SeededTheme(themes.Count, row[0], row[1], row[2]);
            themes.Add(theme);
            var bit = 1 << theme.Index;
            foreach (var term in row[3].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (term.EndsWith('*'))
                {
                    prefixes[TextFolding.Fold(term[..^1])] = prefixes.GetValueOrDefault(TextFolding.Fold(term[..^1])) | bit;
                    continue;
                }

                var key = PhraseKey.Of(term);
                var target = key.Contains(' ', StringComparison.Ordinal) ? phrases : words;
                target[key] = target.GetValueOrDefault(key) | bit;
            }
        }

        Themes = themes;
        _words = words.ToFrozenDictionary(StringComparer.Ordinal);
        _phrases = phrases.ToFrozenDictionary(StringComparer.Ordinal);
        _phrasesLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseStarts = phrases.Keys.Select(k => k[..k.IndexOf(' ', StringComparison.Ordinal)]).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = prefixes.ToFrozenDictionary(StringComparer.Ordinal);
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static ThemeCatalog Default => LazyDefault.Value;

    public IReadOnlyList<SeededTheme> Themes { get; }

    /// <summary>Adds one hit per matched term to <paramref name="hits"/> (per theme) and per-sentence hits to <paramref name="sentenceHits"/>.</summary>
    public void Match(ReadOnlySpan<char> folded, List<Token> tokens, Span<float> hits, Span<int> bestSentence, Span<float> bestSentenceHits, List<SentenceSpan> sentences)
    {
        hits.Clear();
        bestSentence.Fill(-1);
        bestSentenceHits.Clear();
        Span<float> sentenceHits = stackalloc float[32];
        Span<char> key = stackalloc char[96];
        for (var s = 0; s < sentences.Count; s++)
        {
            sentenceHits.Clear();
            var span = sentences[s];
            var end = span.FirstToken + span.TokenCount;
            for (var i = span.FirstToken; i < end; i++)
            {
                var t = tokens[i];
                if (t.Kind is not (TokenKind.Word or TokenKind.Number) || t.IsPii)
                {
                    continue;
                }

                var word = folded.Slice(t.Start, t.Length);
                var mask = 0;
                var consumed = 1;
                if (_phraseStarts.Contains(word))
                {
                    for (var n = 3; n >= 2 && mask == 0; n--)
                    {
                        if (TryKey(folded, tokens, i, n, end, key, out var len) && _phrasesLookup.TryGetValue(key[..len], out var m))
                        {
                            mask = m;
                            consumed = n;
                        }
                    }
                }

                if (mask == 0)
                {
                    mask = Word(word);
                }

                for (var theme = 0; mask != 0 && theme < Themes.Count; theme++)
                {
                    if ((mask & (1 << theme)) != 0)
                    {
                        sentenceHits[theme] += 1f;
                    }
                }

                i += consumed - 1;
            }

            for (var theme = 0; theme < Themes.Count; theme++)
            {
                hits[theme] += sentenceHits[theme];
                if (sentenceHits[theme] > bestSentenceHits[theme])
                {
                    bestSentenceHits[theme] = sentenceHits[theme];
                    bestSentence[theme] = s;
                }
            }
        }
    }

    private int Word(ReadOnlySpan<char> word)
    {
        if (_cacheLookup.TryGetValue(word, out var mask))
        {
            return mask;
        }

        mask = Resolve(word);
        if (_cache.Count < MaxCacheEntries)
        {
            _cacheLookup.TryAdd(word, mask);
        }

        return mask;
    }

    private int Resolve(ReadOnlySpan<char> word)
    {
        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(word, out var mask))
        {
            return mask;
        }

        if (word.Length > 3 && word[^1] is 's' or 'x' && lookup.TryGetValue(word[..^1], out mask))
        {
            return mask;
        }

        var prefixes = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var len = Math.Min(word.Length, 12); len >= 4; len--)
        {
            if (prefixes.TryGetValue(word[..len], out mask))
            {
                return mask;
            }
        }

        return 0;
    }

    private static bool TryKey(ReadOnlySpan<char> folded, List<Token> tokens, int first, int count, int end, Span<char> key, out int length)
    {
        length = 0;
        if (first + count > end)
        {
            return false;
        }

        for (var k = 0; k < count; k++)
        {
            var t = tokens[first + k];
            if (t.Kind is not (TokenKind.Word or TokenKind.Number) || length + t.Length + 1 > key.Length)
            {
                return false;
            }

            if (k > 0)
            {
                key[length++] = ' ';
            }

            folded.Slice(t.Start, t.Length).CopyTo(key[length..]);
            length += t.Length;
        }

        return true;
    }
}
