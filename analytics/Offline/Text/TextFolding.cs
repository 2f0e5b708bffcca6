using System.Globalization;
using System.Text;

namespace EngagementBot.Analytics.Offline.Text;

/// <summary>
/// Length-preserving folding: lower case, accents removed (é→e, ç→c), typographic apostrophes to
/// <c>'</c>. One output char per input char, so offsets in folded text are offsets in the original.
/// </summary>
internal static class TextFolding
{
    private static readonly char[] Table = BuildTable();

    public static char Fold(char c) => c < Table.Length ? Table[c] : FoldOther(c);

    public static void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = Fold(source[i]);
        }
    }

    public static string Fold(string text)
    {
        return string.Create(text.Length, text, static (span, t) => Fold(t, span));
    }

    private static char FoldOther(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '\u2032' => '\'',
        '\u2013' or '\u2014' or '\u2011' => '-',
        '\u0153' => 'o',
        '\u0152' => 'o',
        _ => char.ToLowerInvariant(c),
    };

    private static char[] BuildTable()
    {
        var table = new char[0x250];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            var lower = char.ToLowerInvariant(c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            var folded = lower;
            foreach (var d in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    folded = d;
                    break;
                }
            }

            table[i] = folded;
        }

        table['\u00B4'] = '\'';
        table['\u0153'] = 'o';
        table['\u0152'] = 'o';
        table['\u00E6'] = 'a';
        table['\u00C6'] = 'a';
        table['\u00DF'] = 's';
        return table;
    }
}
