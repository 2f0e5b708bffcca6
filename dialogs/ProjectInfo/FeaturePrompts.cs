using System.Globalization;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>Yes/no and choice prompts for the conversation features, with their numbered text fallback.</summary>
public static class FeaturePrompts
{
    /// <summary>A yes/no question.</summary>
    public static PromptReply YesNo(string text, string language) =>
        Choice(PromptKind.YesNo, text, [new PromptChoice("yes", DialogTexts.Get(DialogTexts.Yes, language)), new PromptChoice("no", DialogTexts.Get(DialogTexts.No, language))], language);

    /// <summary>One option among <paramref name="choices"/>.</summary>
    public static PromptReply Choice(string text, IReadOnlyList<PromptChoice> choices, string language) =>
        Choice(PromptKind.Choice, text, choices, language);

    private static PromptReply Choice(PromptKind kind, string text, IReadOnlyList<PromptChoice> choices, string language)
    {
        var numbers = Enumerable.Range(1, choices.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var list = numbers.Count <= 1
            ? string.Join(string.Empty, numbers)
            : string.Join(", ", numbers.Take(numbers.Count - 1)) + " " + DialogTexts.Get(DialogTexts.Or, language) + " " + numbers[^1];
        var numbered = text + "\n\n" + string.Join("\n", choices.Select((c, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {c.Label}"));
        return new PromptReply
        {
            Text = text,
            Kind = kind,
            Choices = choices,
            TextFallback = numbered + "\n\n" + DialogTexts.Format(DialogTexts.ReplyWithNumber, language, list),
            SubmitLabel = DialogTexts.Get(DialogTexts.Send, language),
        };
    }
}
