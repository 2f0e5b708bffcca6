using System.Globalization;
using System.Text;

namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>
/// Lower-cases and removes accents from characters ("É" → "e", "œ" → "oe"), keeps letters, digits and
/// apostrophes (all typographic variants become <c>'</c>), turns everything else (punctuation, emoji,
/// hyphens) into one space, and shortens stretched letters ("noooon" → "noon").
/// </summary>
internal static class CharacterFolding
{
    /// <summary>The separator every non-word character becomes.</summary>
    public const char Separator = ' ';

    private const int TableSize = 0x0300;
    private static readonly string[] Table = BuildTable();

    /// <summary>Writes the folded form of <paramref name="input"/> to <paramref name="output"/>; returns the length written.</summary>
    /// <remarks><paramref name="output"/> must hold at least <c>2 * input.Length</c> characters.</remarks>
    public static int Fold(ReadOnlySpan<char> input, Span<char> output)
    {
        var length = 0;
        var previous = '\0';
        var run = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            ReadOnlySpan<char> folded;
            if (c < TableSize)
            {
                folded = Table[c];
            }
            else if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                output[length++] = lower;
                previous = lower;
                run = 1;
                continue;
            }
            else
            {
                folded = IsApostrophe(c) ? "'" : " ";
            }

            foreach (var f in folded)
            {
                // Runs of separators become one; stretched letters ("noooon", "helpppp") keep at most two.
                run = f == previous ? run + 1 : 1;
                if ((f == Separator && run > 1) || (run > 2 && char.IsLetter(f)))
                {
                    continue;
                }

                output[length++] = f;
                previous = f;
            }
        }

        return length;
    }

    private static bool IsApostrophe(char c) => c is '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '`' or '\u2032';

    private static string[] BuildTable()
    {
        var table = new string[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            table[i] = c switch
            {
                '\'' or '`' or '\u00B4' => "'",
                '\u0153' or '\u0152' => "oe",
                '\u00E6' or '\u00C6' => "ae",
                '\u00DF' => "ss",
                _ when char.IsLetter(c) => BaseLetter(c),
                _ when char.IsDigit(c) => c.ToString(),
                _ => " ",
            };
        }

        return table;
    }

    private static string BaseLetter(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(d));
            }
        }

        return builder.Length == 0 ? " " : builder.ToString();
    }
}
