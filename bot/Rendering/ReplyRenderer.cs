using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Bot.Rendering;

/// <summary>
/// Turns the dialog's channel-agnostic replies into activities for one channel: Adaptive Cards where they render,
/// suggested actions where the channel has them (within its button limit), numbered plain text otherwise.
/// </summary>
public static class ReplyRenderer
{
    /// <summary>
    /// The activities for <paramref name="replies"/> on a channel with <paramref name="capabilities"/>. Short texts
    /// that lead into a question ("Noted.", "That is not a number…", "Back to the question:") travel in the
    /// question's own activity, above its card or options: the participant gets one message per answer, not two
    /// (one SMS instead of two, one notification in Teams), and the bot one Connector call.
    /// </summary>
    public static List<Activity> Render(IReadOnlyList<DialogReply> replies, ChannelCapabilities capabilities, string language)
    {
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(capabilities);
        var locale = language == "fr" ? "fr-CA" : "en-CA";
        var activities = new List<Activity>(replies.Count);
        var leadIn = new List<string>();
        foreach (var reply in replies)
        {
            if (reply is TextReply text)
            {
                leadIn.Add(text.Text);
                continue;
            }

            if (reply is PromptReply prompt)
            {
                var question = RenderPrompt(prompt, capabilities);
                if (leadIn.Count > 0)
                {
                    question.Text = string.Join("\n\n", question.Text is null ? leadIn : [.. leadIn, question.Text]);
                    leadIn.Clear();
                }

                Add(question);
                continue;
            }

            FlushLeadIn();
            Add(reply switch
            {
                FileReply file => File(file),
                CardReply card => RenderCard(card, capabilities),
                _ => throw new NotSupportedException($"Unknown reply type {reply.GetType().Name}."),
            });
        }

        FlushLeadIn();
        return activities;

        void Add(Activity activity)
        {
            activity.Locale = locale;
            activities.Add(activity);
        }

        void FlushLeadIn()
        {
            foreach (var text in leadIn)
            {
                Add(Message(text));
            }

            leadIn.Clear();
        }
    }

    /// <summary>Longest suggested-action title shown whole (Facebook's quick-reply limit, applied to every channel).</summary>
    private const int MaxTitleLength = 20;

    private static Activity RenderPrompt(PromptReply prompt, ChannelCapabilities capabilities)
    {
        if (capabilities.Cards && AdaptiveCardBuilder.CanRender(prompt))
        {
            var card = Message(null);
            card.InputHint = InputHints.ExpectingInput;
            card.Attachments = [AdaptiveCardBuilder.ToAttachment(AdaptiveCardBuilder.Build(prompt))];
            return card;
        }

        var singlePick = prompt.Kind is PromptKind.Choice or PromptKind.Rating or PromptKind.YesNo;
        if (singlePick && prompt.Choices.Count > 0 && prompt.Choices.Count <= capabilities.MaxSuggestedActions)
        {
            // A button title is cut at 20 characters: when one is, the text lists the options in full (numbered) too,
            // so the participant can read what each shortened button stands for.
            var shortened = prompt.Choices.Any(c => c.Label.Length > MaxTitleLength);
            var message = Message(shortened ? prompt.TextFallback : prompt.Text);
            message.InputHint = InputHints.ExpectingInput;
            message.SuggestedActions = new SuggestedActions
            {
                Actions = [.. prompt.Choices.Select(c => new CardAction
                {
                    Type = ActionTypes.ImBack,
                    Title = Truncate(c.Label, MaxTitleLength),
                    Value = JsonSerializer.SerializeToElement<JsonNode>(JsonValue.Create(prompt.Kind == PromptKind.Rating ? c.Value : c.Label), BotJsonContext.Default.JsonNode),
                })],
            };
            return message;
        }

        var text = Message(prompt.TextFallback);
        text.InputHint = InputHints.ExpectingInput;
        return text;
    }

    private static Activity RenderCard(CardReply card, ChannelCapabilities capabilities)
    {
        if (!capabilities.Cards)
        {
            return Message(card.TextFallback);
        }

        var activity = Message(null);
        activity.Attachments = [AdaptiveCardBuilder.ToAttachment(JsonNode.Parse(card.CardJson)!.AsObject())];
        return activity;
    }

    private static Activity File(FileReply file)
    {
        var activity = Message(null);
        activity.Attachments =
        [
            new Attachment
            {
                ContentType = AttachmentContentTypes.Json,
                Name = file.FileName,
                Content = JsonDocument.Parse(file.Json).RootElement.Clone(),
            },
        ];
        return activity;
    }

    private static Activity Message(string? text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = TextFormatTypes.Markdown,
    };

    private static string Truncate(string label, int max) => label.Length <= max ? label : label[..(max - 1)] + "…";
}
