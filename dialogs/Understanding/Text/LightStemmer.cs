namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>
/// A light French + English stemmer for folded words: it only strips common inflectional and derivational
/// endings ("inscriptions" → "inscript", "registering" → "register", "commencent" → "commenc"), so a stem is
/// always a prefix of its word and needs no allocation. Language-agnostic on purpose: messages mix
/// languages and are short, and the same word always gets the same stem.
/// </summary>
internal static class LightStemmer
{
    private const int MinStem = 3;

    // Longest first; a suffix is stripped only if at least MinStem characters remain.
    private static readonly string[] Suffixes =
    [
        "issements", "issement", "ications", "ication", "atrices", "ations", "ateurs", "ements", "ements",
        "atrice", "ateur", "ation", "ement", "ments", "ances", "ences", "euses", "erons", "eront", "erais", "erait",
        "aient", "ings", "ment", "ance", "ence", "euse", "ible", "able", "ives", "ions", "ness", "ies", "ied",
        "ing", "iez", "ers", "ees", "ais", "ait", "ant", "ent", "era", "eux", "ive", "ifs", "ons", "ez", "er", "ee",
        "es", "ed", "ly", "if", "e", "s", "x",
    ];

    /// <summary>The length of the stem of <paramref name="word"/> (a prefix of it).</summary>
    public static int StemLength(ReadOnlySpan<char> word)
    {
        if (word.Length <= MinStem)
        {
            return word.Length;
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= MinStem && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var length = word.Length - suffix.Length;

                // "ss"/"ll"/"tt" endings left by a strip are the same stem as the single letter ("adresse").
                if (length > MinStem && word[length - 1] == word[length - 2] && !char.IsDigit(word[length - 1]))
                {
                    length--;
                }

                return length;
            }
        }

        return word.Length;
    }

    /// <summary>The stem of <paramref name="word"/>.</summary>
    public static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word) => word[..StemLength(word)];
}
