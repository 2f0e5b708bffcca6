using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.KeyPhrases;

/// <summary>
/// RAKE-style key phrases: maximal runs of content words (up to three), which may be joined by one
/// connector ("parc à chiens", "jeux d'eau", "waste of money"); a run scores the sum of its words'
/// degree / frequency in the document. Personal data never appears in a key phrase.
/// </summary>
internal static class KeyPhraseExtractor
{
    private const int MaxWords = 3;

    public static void Extract(string text, ReadOnlySpan<char> folded, List<Token> tokens, bool french, int max, List<(int Start, int End, float Score)> runs, List<string> phrases)
    {
        runs.Clear();
        phrases.Clear();
        var runStart = -1;
        var runEnd = -1;
        var words = 0;
        var pendingConnector = false;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var isContent = i < tokens.Count && ContentWords.IsContent(folded, tokens[i], french);
            if (isContent && words < MaxWords)
            {
                if (runStart < 0)
                {
                    runStart = tokens[i].Start;
                }

                runEnd = tokens[i].End;
                words++;
                pendingConnector = false;
                continue;
            }

            if (!isContent && i < tokens.Count && words > 0 && !pendingConnector && IsConnector(folded.Slice(tokens[i].Start, tokens[i].Length), french)
                && i + 1 < tokens.Count && ContentWords.IsContent(folded, tokens[i + 1], french) && words < MaxWords)
            {
                pendingConnector = true;
                continue;
            }

            if (words > 0)
            {
                runs.Add((runStart, runEnd, words));
            }

            runStart = -1;
            words = 0;
            pendingConnector = false;
            if (isContent)
            {
                runStart = tokens[i].Start;
                runEnd = tokens[i].End;
                words = 1;
            }
        }

        // Longer runs (more specific) first, then earlier ones.
        runs.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Start.CompareTo(b.Start));
        foreach (var (start, end, _) in runs)
        {
            var phrase = string.Create(end - start, (text, start), static (span, state) => state.text.AsSpan(state.start, span.Length).ToLowerInvariant(span));
            if (!phrases.Contains(phrase))
            {
                phrases.Add(phrase);
                if (phrases.Count == max)
                {
                    break;
                }
            }
        }
    }

    private static bool IsConnector(ReadOnlySpan<char> word, bool french) =>
        french ? word is "de" or "d'" or "du" or "des" or "a" or "en" or "aux" or "au" : word is "of" or "for";
}
