using System.Globalization;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Staff;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// The staff publish command in chat: "publish news|report|results &lt;project&gt;" ("publier nouvelle|rapport|résultats …")
/// asks for the text (or takes it from the next lines of the same message), shows a preview card with the French and
/// English text and the audience size, and publishes on "confirm" (notification + one delivery per recipient
/// conversation). "progress &lt;id&gt;" ("avancement …") shows where a notification's delivery stands.
/// Every step goes through <see cref="StaffGate"/>.
/// </summary>
public sealed class PublishCommandFeature(
    StaffGate gate,
    IProjectStore projects,
    Lazy<PublishingAudience> audience,
    Lazy<NotificationPublisher> publisher,
    Lazy<PublisherConversations> publishers,
    Lazy<INotificationStore> notifications,
    Lazy<IDeliveryProgressSource> progress,
    Lazy<RecentNotifications> recent,
    ParticipantEnrollment enrollment,
    IOptions<PublishingOptions> options) : IDialogFeature
{
    private const string TextStep = "text";
    private const string ConfirmStep = "confirm";
    private static readonly string[] PublishWords = ["publish", "publier"];
    private static readonly string[] ProgressWords = ["progress", "avancement"];
    private static readonly string[] ConfirmWords = ["confirm", "confirmer", "publish", "publier", "yes", "oui", "ok"];
    private static readonly string[] CancelWords = ["cancel", "annuler", "no", "non", "stop", "arret"];

    /// <inheritdoc />
    public string Name => "publish";

    /// <inheritdoc />
    public int Order => 100;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var lines = (turn.Input.Text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var words = TextMatching.Normalize(lines[0]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (turn.State.IsIn(Name) && (words.Length <= 1 || turn.State.FeatureStep == TextStep) && !(words.Length > 1 && PublishWords.Contains(words[0])))
        {
            return await ContinueAsync(turn, cancellationToken);
        }

        if (words.Length > 0 && PublishWords.Contains(words[0]) && (words.Length > 1 || gate.RoleOf(turn) >= StaffRole.Staff))
        {
            if (gate.Allows(turn, StaffRole.Staff, "publish"))
            {
                await StartAsync(turn, words, lines, cancellationToken);
            }

            return true;
        }

        if (words.Length > 0 && ProgressWords.Contains(words[0]) && (words.Length == 2 || gate.RoleOf(turn) >= StaffRole.Staff))
        {
            if (gate.Allows(turn, StaffRole.Staff, "progress"))
            {
                await ShowProgressAsync(turn, words, cancellationToken);
            }

            return true;
        }

        return turn.State.IsIn(Name) && await ContinueAsync(turn, cancellationToken);
    }

    private async Task<bool> ContinueAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        if (!gate.Allows(turn, StaffRole.Staff, "publish"))
        {
            turn.State.LeaveFeature();
            return true;
        }

        if (turn.State.FeatureStep == TextStep)
        {
            await ReadTextAsync(turn, cancellationToken);
        }
        else
        {
            await ConfirmAsync(turn, cancellationToken);
        }

        return true;
    }

    private async Task StartAsync(DialogTurn turn, string[] words, string[] lines, CancellationToken cancellationToken)
    {
        turn.State.LeaveFeature();
        NotificationKind? kind = words.Length > 1 ? KindOf(words[1]) : null;
        if (kind is null || words.Length < 3)
        {
            Say(turn, PublishingTexts.PublishUsage);
            return;
        }

        var slug = words[2];
        var project = await projects.GetAsync(slug, cancellationToken);
        if (project is null)
        {
            var known = await projects.ListAsync(PageRequest.First(20), cancellationToken);
            turn.Reply(PublishingTexts.Format(PublishingTexts.PublishUnknownProject, turn.Language, slug, string.Join(", ", known.Items.Select(p => p.Slug))));
            return;
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = kind.Value.ToString(), ["project"] = slug };
        if (lines.Skip(1).Any(line => !string.IsNullOrWhiteSpace(line)))
        {
            await PreviewAsync(turn, data, lines.Skip(1), cancellationToken);
            return;
        }

        turn.State.EnterFeature(Name, TextStep, data);
        turn.Reply(PublishingTexts.Format(PublishingTexts.PublishAskText, turn.Language, NotificationKinds.DisplayName(kind.Value, turn.Language), project.Title.For(turn.Language)));
    }

    private async Task ReadTextAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var data = turn.State.FeatureData ?? [];
        if (CancelWords.Contains(TextMatching.Normalize(turn.Input.AnswerText)))
        {
            turn.State.LeaveFeature();
            Say(turn, PublishingTexts.PublishCancelled);
            return;
        }

        await PreviewAsync(turn, data, (turn.Input.Text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), cancellationToken);
    }

    private async Task PreviewAsync(DialogTurn turn, Dictionary<string, string> data, IEnumerable<string> textLines, CancellationToken cancellationToken)
    {
        var kind = Enum.Parse<NotificationKind>(data["kind"]);
        var slug = data["project"];
        var (draft, errors) = ParseDraft(slug, kind, [.. textLines], turn.Language);
        if (draft is null)
        {
            turn.State.EnterFeature(Name, TextStep, data);
            turn.Reply(PublishingTexts.Format(PublishingTexts.PublishTextInvalid, turn.Language, string.Join(" ", errors.Select(e => Capitalize(e.Describe(turn.Language))))));
            return;
        }

        var project = await projects.GetAsync(slug, cancellationToken);
        var count = await audience.Value.CountAsync(slug, kind, cancellationToken);
        turn.Replies.Add(PublishingCards.Preview(draft, project?.Title.For(turn.Language) ?? slug, count, turn.Language));
        data["frTitle"] = draft.Title.Fr;
        data["frBody"] = draft.Body.Fr;
        data["enTitle"] = draft.Title.En;
        data["enBody"] = draft.Body.En;
        data["one"] = draft.OneLanguageOnly ? "1" : "0";
        if (draft.Link is { } link)
        {
            data["link"] = link.AbsoluteUri;
        }

        turn.State.EnterFeature(Name, ConfirmStep, data);
    }

    private async Task ConfirmAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var answer = TextMatching.Normalize(turn.Input.AnswerText);
        var data = turn.State.FeatureData ?? [];
        if (CancelWords.Contains(answer))
        {
            turn.State.LeaveFeature();
            Say(turn, PublishingTexts.PublishCancelled);
            return;
        }

        if (!ConfirmWords.Contains(answer) || !data.ContainsKey("frTitle"))
        {
            Say(turn, PublishingTexts.PublishConfirmHint);
            return;
        }

        turn.State.LeaveFeature();
        var draft = new ValidDraft(
            data["project"],
            Enum.Parse<NotificationKind>(data["kind"]),
            new LocalizedText(data["frTitle"], data["enTitle"]),
            new LocalizedText(data["frBody"], data["enBody"]),
            data.TryGetValue("link", out var link) ? new Uri(link) : null,
            data.GetValueOrDefault("one") == "1");
        var sender = turn.Input.Sender;
        var notification = await publisher.Value.CreateDraftAsync(draft, $"{sender.ChannelId}:{sender.AadObjectId ?? sender.UserId}", cancellationToken);
        if (turn.Input.ConversationReferenceId is { } reference)
        {
            // The delivery report comes back later, to this conversation: its reference must be stored.
            await enrollment.EnsureStoredAsync(turn, cancellationToken);
            await publishers.Value.RememberAsync(notification.Id, new PublisherConversation(reference, turn.Language), cancellationToken);
        }

        var result = await publisher.Value.FanOutAsync(notification, cancellationToken);
        turn.Reply(PublishingTexts.Format(
            PublishingTexts.PublishDone,
            turn.Language,
            DeliveryProgress.Number(result.Conversations - result.Unreachable, turn.Language),
            DeliveryProgress.Number(result.Recipients, turn.Language),
            DeliveryProgress.Number(result.Unreachable, turn.Language),
            notification.Id));
    }

    private async Task ShowProgressAsync(DialogTurn turn, string[] words, CancellationToken cancellationToken)
    {
        turn.State.LeaveFeature();
        if (words.Length < 2)
        {
            // No id: the latest publication (any project), which is what staff usually mean.
            if (await recent.Value.LatestAsync(n => n.Status != NotificationStatus.Draft, cancellationToken) is not { } latest)
            {
                Say(turn, PublishingTexts.ProgressUsage);
                return;
            }

            turn.Replies.Add(PublishingCards.Progress(latest, await progress.Value.GetAsync(latest.Id, cancellationToken), turn.Language));
            return;
        }

        var notification = await notifications.Value.GetAsync(words[1], cancellationToken);
        if (notification is null)
        {
            turn.Reply(PublishingTexts.Format(PublishingTexts.ProgressUnknown, turn.Language, words[1]));
            return;
        }

        turn.Replies.Add(PublishingCards.Progress(notification, await progress.Value.GetAsync(notification.Id, cancellationToken), turn.Language));
    }

    /// <summary>
    /// Reads the text staff typed: French part, a line "---", English part (one part alone is in the chat's language);
    /// in each part the first line is the title, the rest the body; a last line that is a link is the link.
    /// </summary>
    internal (ValidDraft? Draft, IReadOnlyList<DraftError> Errors) ParseDraft(string slug, NotificationKind kind, IReadOnlyList<string> lines, string language)
    {
        var parts = new List<List<string>> { new() };
        foreach (var line in lines)
        {
            if (line.Trim() == "---")
            {
                parts.Add([]);
            }
            else
            {
                parts[^1].Add(line.TrimEnd());
            }
        }

        if (parts.Count > 2)
        {
            return (null, [new DraftError("body", PublishingTexts.ErrorTooManyParts)]);
        }

        string? link = null;
        var texts = new List<DraftText>();
        foreach (var part in parts)
        {
            var content = part.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
            if (content.Count > 0 && content[^1].StartsWith("http", StringComparison.OrdinalIgnoreCase) && !content[^1].Contains(' ', StringComparison.Ordinal))
            {
                link = content[^1];
                content.RemoveAt(content.Count - 1);
            }

            texts.Add(new DraftText(content.FirstOrDefault(), content.Count > 1 ? string.Join("\n", content.Skip(1)) : null));
        }

        var (french, english) = texts.Count == 2 ? (texts[0], texts[1]) : language == "en" ? (null, texts[0]) : (texts[0], (DraftText?)null);
        return DraftValidator.Validate(new NotificationDraft(slug, kind, french, english, link), options.Value.MaxTextLength);
    }

    private static NotificationKind? KindOf(string word) => word switch
    {
        "news" or "nouvelle" or "nouvelles" => NotificationKind.News,
        "report" or "rapport" or "interim" => NotificationKind.InterimReport,
        "results" or "result" or "resultats" or "resultat" => NotificationKind.FinalResults,
        _ => null,
    };

    private static void Say(DialogTurn turn, string key) => turn.Reply(PublishingTexts.Get(key, turn.Language));

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
}
