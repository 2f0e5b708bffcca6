using System.Text;
using System.Text.Json.Nodes;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>The Adaptive Cards (1.5) of publishing: the preview staff confirm, the progress and the final delivery report.</summary>
public static class PublishingCards
{
    /// <summary>Value a card's Publish button sends back.</summary>
    public const string ConfirmAnswer = "confirm";

    /// <summary>Value a card's Cancel button sends back.</summary>
    public const string CancelAnswer = "cancel";

    /// <summary>The preview: kind, project, audience size, link, the French and English texts, Publish / Cancel.</summary>
    public static CardReply Preview(ValidDraft draft, string projectTitle, int audience, string language)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var heading = PublishingTexts.Format(PublishingTexts.PublishPreviewTitle, language, NotificationKinds.DisplayName(draft.Kind, language), projectTitle);
        var audienceLine = PublishingTexts.Format(PublishingTexts.PublishAudience, language, DeliveryProgress.Number(audience, language));
        var facts = new List<(string, string)>
        {
            (T(PublishingTexts.LabelProject, language), projectTitle),
            (T(PublishingTexts.LabelKind, language), NotificationKinds.DisplayName(draft.Kind, language)),
            (T(PublishingTexts.LabelAudience, language), DeliveryProgress.Number(audience, language)),
        };
        if (draft.Link is { } link)
        {
            facts.Add((T(PublishingTexts.LabelLink, language), link.AbsoluteUri));
        }

        var body = new JsonArray
        {
            Block(heading, size: "Medium", bold: true),
            FactSet(facts),
            Section(T(PublishingTexts.LabelFrench, language), draft.Title.Fr, draft.Body.Fr),
            Section(T(PublishingTexts.LabelEnglish, language), draft.Title.En, draft.Body.En),
        };
        if (draft.OneLanguageOnly)
        {
            body.Add(Block(T(PublishingTexts.PublishOneLanguage, language), color: "Warning"));
        }

        body.Add(Block(T(PublishingTexts.PublishConfirmHint, language), subtle: true));
        var card = Card(body);
        card["actions"] = new JsonArray
        {
            Submit(T(PublishingTexts.PublishConfirm, language), ConfirmAnswer, "positive"),
            Submit(T(PublishingTexts.PublishCancel, language), CancelAnswer, "destructive"),
        };

        var fallback = new StringBuilder()
            .Append("**").Append(heading).Append("**\n\n")
            .Append(audienceLine).Append('\n');
        if (draft.Link is { } fallbackLink)
        {
            fallback.Append(T(PublishingTexts.LabelLink, language)).Append(": ").Append(fallbackLink.AbsoluteUri).Append('\n');
        }

        fallback
            .Append("\n**").Append(T(PublishingTexts.LabelFrench, language)).Append("**\n").Append(draft.Title.Fr).Append('\n').Append(draft.Body.Fr).Append('\n')
            .Append("\n**").Append(T(PublishingTexts.LabelEnglish, language)).Append("**\n").Append(draft.Title.En).Append('\n').Append(draft.Body.En).Append("\n\n");
        if (draft.OneLanguageOnly)
        {
            fallback.Append(T(PublishingTexts.PublishOneLanguage, language)).Append('\n');
        }

        fallback.Append(T(PublishingTexts.PublishConfirmHint, language));
        card["fallbackText"] = fallback.ToString();
        return new CardReply(card.ToJsonString(), fallback.ToString());
    }

    /// <summary>Where a notification's delivery stands ("progress &lt;id&gt;"), with a Withdraw button while it is going out.</summary>
    public static CardReply Progress(Notification notification, DeliveryProgress progress, string language)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(progress);
        var heading = PublishingTexts.Format(PublishingTexts.ProgressTitle, language, notification.Title.For(language), NotificationKinds.DisplayName(notification.Kind, language));
        var reply = Counts(heading, null, notification, progress, language);
        if (notification.Status != NotificationStatus.Queued || progress.IsFinished)
        {
            return reply;
        }

        // Still going out: a button to stop it (the withdraw command asks to confirm first).
        var card = JsonNode.Parse(reply.CardJson)!.AsObject();
        card["actions"] = new JsonArray { Submit(T(PublishingTexts.WithdrawConfirm, language), "withdraw " + notification.Id, "destructive") };
        return reply with { CardJson = card.ToJsonString() };
    }

    /// <summary>The final delivery report sent to the publisher when every delivery reached a final state.</summary>
    public static CardReply Report(Notification notification, DeliveryProgress progress, string language)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(progress);
        var heading = PublishingTexts.Format(PublishingTexts.ReportTitle, language, notification.Title.For(language));
        var finished = notification.Status is NotificationStatus.Cancelling or NotificationStatus.Cancelled
            ? PublishingTexts.Format(PublishingTexts.ReportWithdrawn, language, notification.Title.For(language), DeliveryProgress.Number(progress.Sent, language))
            : PublishingTexts.Format(PublishingTexts.ReportFinished, language, notification.Title.For(language));
        return Counts(heading, finished, notification, progress, language);
    }

    private static CardReply Counts(string heading, string? intro, Notification notification, DeliveryProgress progress, string language)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = progress.Describe(language);
        var body = new JsonArray { Block(heading, size: "Medium", bold: true) };
        if (intro is not null)
        {
            body.Add(Block(intro));
        }

        body.Add(Block(line));
        body.Add(FactSet(
        [
            (T(PublishingTexts.LabelProject, language), notification.ProjectSlug),
            (T(PublishingTexts.LabelTotal, language), DeliveryProgress.Number(progress.Total, language)),
            (T(PublishingTexts.LabelSent, language), DeliveryProgress.Number(progress.Sent, language)),
            (T(PublishingTexts.LabelFailed, language), DeliveryProgress.Number(progress.Failed, language)),
            (T(PublishingTexts.LabelUnreachable, language), DeliveryProgress.Number(progress.Unreachable, language)),
            (T(PublishingTexts.LabelPending, language), DeliveryProgress.Number(progress.Pending, language)),
            .. WithdrawnFact(progress, language),
        ]));
        var fallback = $"**{heading}**\n\n" + (intro is null ? string.Empty : intro + "\n\n") + line;
        var card = Card(body);
        card["fallbackText"] = fallback;
        return new CardReply(card.ToJsonString(), fallback);
    }

    private static IEnumerable<(string, string)> WithdrawnFact(DeliveryProgress progress, string language) =>
        progress.Withdrawn == 0 ? [] : [(T(PublishingTexts.LabelWithdrawn, language), DeliveryProgress.Number(progress.Withdrawn, language))];

    private static string T(string key, string language) => PublishingTexts.Get(key, language);

    private static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = body,
    };

    private static JsonObject Block(string text, string? size = null, bool bold = false, bool subtle = false, string? color = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        return block;
    }

    private static JsonObject FactSet(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]),
    };

    private static JsonObject Section(string label, string title, string body) => new()
    {
        ["type"] = "Container",
        ["separator"] = true,
        ["items"] = new JsonArray
        {
            Block(label, subtle: true),
            Block(title, bold: true),
            Block(body),
        },
    };

    private static JsonObject Submit(string title, string answer, string style) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["style"] = style,
        ["data"] = new JsonObject { ["answer"] = answer },
    };
}
