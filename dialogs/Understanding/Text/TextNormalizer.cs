using System.Buffers;
using System.Collections.Frozen;

namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>Replaces a word the model does not know by a known one a typo away; see <see cref="SpellingCorrector"/>.</summary>
internal interface IWordCorrector
{
    /// <summary>The known word <paramref name="word"/> was probably meant to be, or an empty span to keep it as is.</summary>
    ReadOnlySpan<char> Correct(ReadOnlySpan<char> word);
}

/// <summary>
/// Turns a raw message into normalised words: folded (lower case, no accents, no punctuation or emoji),
/// French elisions and English contractions expanded ("c'est" → "ce est", "don't" → "do not"), casual and
/// Quebec spellings rewritten (<see cref="WordRewrites"/>), and optionally typos corrected.
/// </summary>
internal static class TextNormalizer
{
    private const int StackLimit = 512;

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Words =
        WordRewrites.Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Elisions =
        WordRewrites.Elisions.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IsHosts =
        WordRewrites.IsContractionHosts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Normalises <paramref name="text"/> into <paramref name="output"/> (cleared first).</summary>
    public static void Normalize(ReadOnlySpan<char> text, TokenBuffer output, IWordCorrector? corrector = null)
    {
        output.Clear();
        var size = (text.Length * 2) + 1;
        char[]? rented = null;
        var folded = size <= StackLimit ? stackalloc char[size] : (rented = ArrayPool<char>.Shared.Rent(size));
        try
        {
            var length = CharacterFolding.Fold(text, folded);
            var all = folded[..length];
            foreach (var range in all.Split(CharacterFolding.Separator))
            {
                AddRawWord(all[range].Trim('\''), output, corrector);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Normalises <paramref name="text"/> and returns the words joined by spaces (for tests and diagnostics).</summary>
    public static string NormalizeToString(string text)
    {
        var buffer = new TokenBuffer();
        Normalize(text, buffer);
        return buffer.ToString();
    }

    private static void AddRawWord(ReadOnlySpan<char> word, TokenBuffer output, IWordCorrector? corrector)
    {
        if (word.IsEmpty)
        {
            return;
        }

        if (Words.TryGetValue(word, out var rewritten))
        {
            output.AddWords(rewritten);
            return;
        }

        var apostrophe = word.IndexOf('\'');
        if (apostrophe < 0)
        {
            AddWord(word, output, corrector);
            return;
        }

        var head = word[..apostrophe];
        var tail = word[(apostrophe + 1)..];
        if (Elisions.TryGetValue(head, out var full))
        {
            output.AddWords(full);
            AddRawWord(tail, output, corrector);
            return;
        }

        if (tail is "t" && head.EndsWith("n"))
        {
            AddNegation(head[..^1], output, corrector);
            return;
        }

        var expansion = tail switch
        {
            "s" => IsHosts.Contains(head) ? "is" : string.Empty,
            "re" => "are",
            "ll" => "will",
            "d" => "would",
            "m" => "am",
            "ve" => "have",
            _ => null,
        };

        if (expansion is null)
        {
            // Unknown use of an apostrophe ("aujourd'hui", a typo): read it as one word.
            Span<char> joined = stackalloc char[Math.Min(word.Length, 128)];
            var n = 0;
            foreach (var c in word)
            {
                if (c != '\'' && n < joined.Length)
                {
                    joined[n++] = c;
                }
            }

            AddRawWord(joined[..n], output, corrector);
            return;
        }

        AddRawWord(head, output, corrector);
        output.AddWords(expansion);
    }

    private static void AddNegation(ReadOnlySpan<char> verb, TokenBuffer output, IWordCorrector? corrector)
    {
        switch (verb)
        {
            case "ca":
                output.AddWords("can");
                break;
            case "wo":
                output.AddWords("will");
                break;
            default:
                AddRawWord(verb, output, corrector);
                break;
        }

        output.AddWords("not");
    }

    private static void AddWord(ReadOnlySpan<char> word, TokenBuffer output, IWordCorrector? corrector)
    {
        if (corrector is not null)
        {
            var corrected = corrector.Correct(word);
            if (!corrected.IsEmpty)
            {
                if (Words.TryGetValue(corrected, out var rewritten))
                {
                    output.AddWords(rewritten);
                }
                else
                {
                    output.Add(corrected);
                }

                return;
            }
        }

        output.Add(word);
    }
}
