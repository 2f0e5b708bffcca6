using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>What a staff message asks for.</summary>
public enum StaffCommandKind
{
    /// <summary>Not a staff command of this feature.</summary>
    None,

    /// <summary>"questions": list open questions.</summary>
    List,

    /// <summary>"answer &lt;n|id&gt; &lt;text&gt; [+faq]".</summary>
    Answer,
}

/// <summary>A parsed staff command.</summary>
/// <param name="Kind">What it asks for.</param>
/// <param name="Target">The question's number in the list or its id (answer).</param>
/// <param name="Text">The answer (answer).</param>
/// <param name="AddToFaq">Whether the Q&amp;A goes to the project's FAQ too (<c>+faq</c>).</param>
public sealed record StaffCommand(StaffCommandKind Kind, string? Target = null, string? Text = null, bool AddToFaq = false)
{
    private static readonly string[] ListPhrases =
        ["questions", "open questions", "list questions", "questions ouvertes", "questions en attente", "liste des questions", "pending questions"];

    private static readonly string[] AnswerVerbs = ["answer", "reply", "repondre", "reponds", "reponse"];

    private const string FaqFlag = "+faq";

    /// <summary>The command in <paramref name="text"/>, or <see cref="StaffCommandKind.None"/>.</summary>
    public static StaffCommand Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new StaffCommand(StaffCommandKind.None);
        }

        var trimmed = text.Trim();
        if (ListPhrases.Contains(TextMatching.Normalize(trimmed), StringComparer.Ordinal))
        {
            return new StaffCommand(StaffCommandKind.List);
        }

        var parts = trimmed.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (!AnswerVerbs.Contains(TextMatching.Normalize(parts[0]), StringComparer.Ordinal))
        {
            return new StaffCommand(StaffCommandKind.None);
        }

        var target = parts.Length > 1 ? parts[1].TrimStart('#') : null;
        var answer = parts.Length > 2 ? parts[2].Trim() : string.Empty;
        var addToFaq = answer.EndsWith(FaqFlag, StringComparison.OrdinalIgnoreCase);
        if (addToFaq)
        {
            answer = answer[..^FaqFlag.Length].TrimEnd();
        }

        return new StaffCommand(StaffCommandKind.Answer, target, answer, addToFaq);
    }
}
