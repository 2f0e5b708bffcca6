using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>Whether a message nobody recognised reads like a question worth looking up (and passing on to staff).</summary>
public static class QuestionShape
{
    private static readonly string[] QuestionStarts =
    [
        "who", "what", "when", "where", "why", "how", "will", "would", "is", "are", "can", "could", "do", "does", "did", "should", "which",
        "qui", "que", "quoi", "quand", "ou", "pourquoi", "comment", "combien", "quel", "quelle", "quels", "quelles", "est-ce", "y aura", "y a", "va-t-on", "pourra", "peut-on", "peux", "pouvez",
    ];

    /// <summary>A question mark, a question word first, or at least five words.</summary>
    public static bool LooksLikeQuestion(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            return true;
        }

        var normalized = TextMatching.Normalize(text);
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 5
            || (words.Length >= 2 && QuestionStarts.Any(start => normalized.StartsWith(start + " ", StringComparison.Ordinal) || normalized.StartsWith(start + "'", StringComparison.Ordinal)));
    }
}
