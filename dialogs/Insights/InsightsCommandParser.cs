using System.Globalization;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.Insights;

/// <summary>Which staff insights command was typed.</summary>
public enum InsightsCommandKind
{
    /// <summary>"summary" / "résumé": the report.</summary>
    Summary,

    /// <summary>"theme" / "thème": the comments of one theme.</summary>
    Theme,
}

/// <summary>A parsed staff insights command: its filters and the words left to resolve (scope, theme name).</summary>
/// <param name="Kind">Summary or theme.</param>
/// <param name="Filter">Question, period and language filters (the scope is resolved later from <paramref name="Words"/>).</param>
/// <param name="Words">Words that are not filter keywords, in order.</param>
public sealed record InsightsCommand(InsightsCommandKind Kind, InsightsFilter Filter, IReadOnlyList<string> Words);

/// <summary>
/// Reads "summary berges-2026 question comments since 2026-11-01 until 2026-12-31 fr" (and the French
/// "résumé … depuis … jusqu'au …", "thème stationnement …").
/// </summary>
public static class InsightsCommandParser
{
    private static readonly HashSet<string> SummaryWords = new(StringComparer.Ordinal) { "summary", "resume", "sommaire" };
    private static readonly HashSet<string> ThemeWords = new(StringComparer.Ordinal) { "theme" };
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal) { "question", "q" };
    private static readonly HashSet<string> SinceWords = new(StringComparer.Ordinal) { "since", "from", "depuis", "du", "des" };
    private static readonly HashSet<string> UntilWords = new(StringComparer.Ordinal) { "until", "to", "au", "jusqu'au", "jusqua", "jusqu'a" };
    private static readonly Dictionary<string, string> LanguageWords = new(StringComparer.Ordinal)
    {
        ["fr"] = "fr",
        ["french"] = "fr",
        ["francais"] = "fr",
        ["en"] = "en",
        ["english"] = "en",
        ["anglais"] = "en",
    };

    /// <summary>The command kind when the text starts with a command word, else <see langword="null"/>.</summary>
    public static InsightsCommandKind? KindOf(string? text)
    {
        var words = Split(text);
        if (words.Length == 0)
        {
            return null;
        }

        var first = words[0].TrimEnd(':');
        return SummaryWords.Contains(first) ? InsightsCommandKind.Summary : ThemeWords.Contains(first) ? InsightsCommandKind.Theme : null;
    }

    /// <summary>Parses the command; on failure <paramref name="error"/> is the word that could not be read.</summary>
    public static bool TryParse(string? text, out InsightsCommand command, out string error)
    {
        command = new InsightsCommand(InsightsCommandKind.Summary, new InsightsFilter(), []);
        error = string.Empty;
        if (KindOf(text) is not { } kind)
        {
            error = text ?? string.Empty;
            return false;
        }

        var original = (text ?? string.Empty).Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', '!', '?', '«', '»', '"')).ToArray();
        var words = Split(text);
        string? question = null;
        string? language = null;
        DateOnly? since = null;
        DateOnly? until = null;
        var rest = new List<string>();
        for (var i = 1; i < words.Length; i++)
        {
            var word = words[i];
            if (QuestionWords.Contains(word) || SinceWords.Contains(word) || UntilWords.Contains(word))
            {
                if (i + 1 >= words.Length)
                {
                    error = original[Math.Min(i, original.Length - 1)];
                    return false;
                }

                var value = original[Math.Min(i + 1, original.Length - 1)];
                if (QuestionWords.Contains(word))
                {
                    question = value;
                }
                else if (!TryParseDate(value, out var date))
                {
                    error = value;
                    return false;
                }
                else if (SinceWords.Contains(word))
                {
                    since = date;
                }
                else
                {
                    until = date;
                }

                i++;
            }
            else if (LanguageWords.TryGetValue(word, out var lang))
            {
                language = lang;
            }
            else
            {
                rest.Add(original[Math.Min(i, original.Length - 1)]);
            }
        }

        if (since is { } s && until is { } u && u < s)
        {
            error = original[^1];
            return false;
        }

        command = new InsightsCommand(kind, new InsightsFilter(null, question, since, until, language), rest);
        return true;
    }

    /// <summary>A date written YYYY-MM-DD.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string[] Split(string? text) =>
        TextMatching.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
