using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Bot.Rendering;

/// <summary>
/// Builds Adaptive Cards 1.5 for prompts: a choice set with a submit button (choice, multi-choice, long scales)
/// or one <c>Action.Submit</c> per option (yes/no, short rating scales, one- or two-option choices such as the recap's submit). Every submit sends <c>{ "answer": value }</c>;
/// <c>fallbackText</c> carries the numbered text version.
/// </summary>
public static class AdaptiveCardBuilder
{
    /// <summary>The Adaptive Card schema version the bot sends.</summary>
    public const string Version = "1.5";

    private const int MaxButtons = 6;

    /// <summary>Whether a prompt of this kind is shown as a card (free input and ranking are typed).</summary>
    public static bool CanRender(PromptReply prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return prompt.Kind is PromptKind.Choice or PromptKind.MultiChoice or PromptKind.Rating or PromptKind.YesNo && prompt.Choices.Count > 0;
    }

    /// <summary>The card as JSON.</summary>
    public static JsonObject Build(PromptReply prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var body = new JsonArray { TextBlock(prompt.Text) };
        var actions = new JsonArray();
        var buttons = (prompt.Kind is PromptKind.YesNo or PromptKind.Rating && prompt.Choices.Count <= MaxButtons)
            || (prompt.Kind == PromptKind.Choice && prompt.Choices.Count <= 2);
        if (buttons)
        {
            foreach (var choice in prompt.Choices)
            {
                actions.Add(Submit(choice.Label, choice.Value));
            }
        }
        else
        {
            var multi = prompt.Kind == PromptKind.MultiChoice;
            var choices = new JsonArray();
            foreach (var choice in prompt.Choices)
            {
                choices.Add(new JsonObject { ["title"] = choice.Label, ["value"] = choice.Value });
            }

            body.Add(new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = "answer",
                ["style"] = "expanded",
                ["isMultiSelect"] = multi,
                ["choices"] = choices,
            });
            actions.Add(new JsonObject { ["type"] = "Action.Submit", ["title"] = prompt.SubmitLabel });
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["fallbackText"] = prompt.TextFallback,
            ["body"] = body,
            ["actions"] = actions,
        };
    }

    /// <summary>The card as an activity attachment.</summary>
    public static Attachment ToAttachment(JsonObject card) => new()
    {
        ContentType = AttachmentContentTypes.AdaptiveCard,
        Content = JsonSerializer.SerializeToElement<JsonNode>(card, BotJsonContext.Default.JsonNode),
    };

    private static JsonObject TextBlock(string text) => new() { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };

    private static JsonObject Submit(string title, string value) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new JsonObject { ["answer"] = value },
    };
}
