using System.Collections.Frozen;
using EngagementBot.Analytics.Offline.Lexicons;

namespace EngagementBot.Analytics.Offline.Text;

/// <summary>French and English stop words (stopwords-iso), folded; elisions ("l'", "qu'") count as stop words.</summary>
internal static class StopWords
{
    private static readonly FrozenSet<string> French = Load("stopwords-fr.txt", ["pis", "ben", "ca", "c", "chu", "y'a", "ya", "faut", "svp", "vraiment", "juste", "deja", "encore", "tout"]);
    private static readonly FrozenSet<string> English = Load("stopwords-en.txt", ["just", "really", "also", "i'm", "it's", "don't", "can't", "that's", "there's", "lol"]);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FrenchLookup = French.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup = English.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the folded word is a stop word of the language ("fr" or anything else = English).</summary>
    public static bool Contains(ReadOnlySpan<char> folded, bool french)
    {
        if (folded.Length > 0 && folded[^1] == '\'')
        {
            return true;
        }

        return french ? FrenchLookup.Contains(folded) : EnglishLookup.Contains(folded);
    }

    private static FrozenSet<string> Load(string file, string[] extra) =>
        ResourceFiles.ReadLines(file).Select(w => TextFolding.Fold(w.Trim())).Concat(extra).ToFrozenSet(StringComparer.Ordinal);
}
