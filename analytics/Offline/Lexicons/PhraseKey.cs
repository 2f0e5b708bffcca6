using System.Text;
using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.Lexicons;

/// <summary>
/// Canonical lexicon key of a term: folded, tokenised like documents are, tokens joined by one space
/// ("pas d'allure" → "pas d' allure").
/// </summary>
internal static class PhraseKey
{
    public static string Of(string term)
    {
        var folded = TextFolding.Fold(term.Trim());
        var tokens = new List<Token>();
        Tokenizer.Tokenize(term.Trim(), folded, tokens, []);
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            if (t.Kind is TokenKind.Word or TokenKind.Number or TokenKind.Emoji)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(folded, t.Start, t.Length);
            }
        }

        return sb.ToString();
    }

    public static int WordCount(string key) => key.Length == 0 ? 0 : key.Count(c => c == ' ') + 1;
}
