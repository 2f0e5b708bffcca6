using System.Collections.Frozen;
using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Lexicons;
using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.Language;

/// <summary>
/// fr / en / other from frequent function words of six Latin-script languages (each word weighs
/// 1/number of languages that share it), French elisions, and the sentiment lexicons as a fallback
/// for very short texts. Text mostly in another script is "other".
/// </summary>
internal static class LanguageDetector
{
    private const int French = 0;
    private const int English = 1;
    private const int Languages = 6;

    private static readonly string[][] FunctionWords =
    [
        // fr
        ["le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "que", "qui", "pas", "pour", "dans", "au", "aux", "ce", "cette", "ces", "sur", "avec", "mais", "ou", "je", "il", "elle", "nous", "vous", "ils", "on", "en", "ne", "ca", "tres", "plus", "sont", "etre", "avoir", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "leur", "aussi", "encore", "bien", "merci", "y", "c'", "j'", "l'", "d'", "n'", "qu'", "s'", "m'", "parce", "quand", "comme", "tout", "tous", "rien", "chez", "pis", "faut", "svp", "oui", "non", "donc", "alors", "deja", "apres", "avant", "ete", "fait", "peut", "avez", "sommes", "quelque", "enfin"],
        // en
        ["the", "a", "an", "and", "is", "are", "was", "were", "to", "of", "in", "on", "for", "with", "that", "this", "it", "i", "you", "we", "they", "not", "but", "be", "have", "has", "at", "by", "from", "my", "our", "your", "will", "would", "there", "their", "what", "so", "if", "just", "about", "can", "do", "don't", "it's", "i'm", "been", "very", "more", "no", "yes", "please", "thanks", "park", "all", "get", "when", "which", "should", "could", "too", "also", "here", "because", "every", "some", "out", "up", "one", "than", "then", "these", "those", "who", "how"],
        // es
        ["el", "la", "los", "las", "de", "que", "y", "en", "un", "una", "es", "por", "con", "para", "no", "lo", "se", "del", "al", "como", "pero", "muy", "mas", "esta", "este", "son", "su", "sus", "porque", "tambien", "hay", "yo", "nosotros", "gracias", "parque"],
        // de
        ["der", "die", "das", "und", "ist", "nicht", "ich", "du", "wir", "sie", "es", "ein", "eine", "zu", "mit", "auf", "fur", "von", "den", "dem", "aber", "auch", "sehr", "sind", "wird", "kann", "noch", "nur", "wie", "oder", "danke", "bitte"],
        // it
        ["il", "lo", "la", "gli", "le", "di", "che", "e", "un", "una", "per", "non", "con", "del", "della", "sono", "ma", "anche", "molto", "questo", "questa", "piu", "come", "perche", "grazie", "parco", "nel", "alla"],
        // pt
        ["o", "a", "os", "as", "de", "que", "e", "em", "um", "uma", "para", "com", "nao", "do", "da", "dos", "por", "mas", "muito", "voce", "isso", "esta", "sao", "mais", "obrigado", "parque", "tambem", "no", "na"],
    ];

    private static readonly FrozenDictionary<string, float[]> Weights = BuildWeights();
    private static readonly FrozenDictionary<string, float[]>.AlternateLookup<ReadOnlySpan<char>> WeightsLookup = Weights.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Detects the language; <paramref name="hint"/> ("fr"/"en") breaks ties and short texts.</summary>
    public static (string Language, double Confidence) Detect(ReadOnlySpan<char> original, ReadOnlySpan<char> folded, List<Token> tokens, string? hint)
    {
        Span<float> scores = stackalloc float[Languages];
        scores.Clear();
        var words = 0;
        var nonLatinLetters = 0;
        var latinLetters = 0;
        foreach (var t in tokens)
        {
            if (t.Kind != TokenKind.Word)
            {
                continue;
            }

            words++;
            var w = folded.Slice(t.Start, t.Length);
            if (WeightsLookup.TryGetValue(w, out var weights))
            {
                for (var l = 0; l < Languages; l++)
                {
                    scores[l] += weights[l];
                }
            }

            foreach (var c in original.Slice(t.Start, t.Length))
            {
                if (c < 0x250)
                {
                    latinLetters++;
                }
                else if (char.IsLetter(c))
                {
                    nonLatinLetters++;
                }
            }
        }

        if (nonLatinLetters > latinLetters)
        {
            return (LanguageResult.Other, 0.9);
        }

        var hinted = hint is LanguageResult.French or LanguageResult.English ? hint : null;
        var best = 0;
        var total = 0f;
        for (var l = 0; l < Languages; l++)
        {
            total += scores[l];
            if (scores[l] > scores[best])
            {
                best = l;
            }
        }

        if (total < 0.99f)
        {
            return Fallback(folded, tokens, hinted, words);
        }

        var confidence = scores[best] / total * Math.Min(1.0, 0.5 + (total / 6.0));
        if (hinted is not null && (best is French or English) && scores[French] == scores[English])
        {
            return (hinted, 0.5);
        }

        return best switch
        {
            French => (LanguageResult.French, confidence),
            English => (LanguageResult.English, confidence),
            _ => (LanguageResult.Other, confidence),
        };
    }

    private static (string, double) Fallback(ReadOnlySpan<char> folded, List<Token> tokens, string? hint, int words)
    {
        if (hint is not null)
        {
            return (hint, 0.5);
        }

        var fr = 0;
        var en = 0;
        foreach (var t in tokens)
        {
            if (t.Kind != TokenKind.Word)
            {
                continue;
            }

            var w = folded.Slice(t.Start, t.Length);
            fr += SentimentLexicon.French.ContainsExact(w) ? 1 : 0;
            en += SentimentLexicon.English.ContainsExact(w) ? 1 : 0;
        }

        if (fr == en)
        {
            return (LanguageResult.Other, words == 0 ? 0.9 : 0.3);
        }

        return (fr > en ? LanguageResult.French : LanguageResult.English, 0.4);
    }

    private static FrozenDictionary<string, float[]> BuildWeights()
    {
        var map = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var l = 0; l < FunctionWords.Length; l++)
        {
            foreach (var w in FunctionWords[l])
            {
                if (!map.TryGetValue(w, out var v))
                {
                    map[w] = v = new float[Languages];
                }

                v[l] = 1;
            }
        }

        foreach (var v in map.Values)
        {
            var shared = v.Sum();
            for (var l = 0; l < Languages; l++)
            {
                v[l] /= shared;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
