namespace EngagementBot.Analytics.Offline.Text;

/// <summary>Content words: letters, at least three, not a stop word, not inside personal data.</summary>
internal static class ContentWords
{
    public static bool IsContent(ReadOnlySpan<char> folded, in Token token, bool french)
    {
        if (token.Kind != TokenKind.Word || token.IsPii || token.Length < 3)
        {
            return false;
        }

        var word = folded.Slice(token.Start, token.Length);
        return !StopWords.Contains(word, french);
    }

    /// <summary>Light normalisation for grouping: plural "s"/"x" dropped from words longer than four letters.</summary>
    public static ReadOnlySpan<char> Key(ReadOnlySpan<char> word)
    {
        if (word.Length > 4 && word[^1] is 's' or 'x' && word[^2] != 's')
        {
            return word[..^1];
        }

        return word;
    }
}
