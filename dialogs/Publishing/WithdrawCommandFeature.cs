using System.Text.RegularExpressions;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Staff;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// The staff command that stops a publication sent by mistake: "withdraw [id]" / « retirer [id] » (without an id, the
/// latest publication still going out). It says how many messages already went out and how many will not, asks to
/// confirm, then withdraws it (<see cref="NotificationWithdrawal"/>); the final report follows when the dispatcher has
/// held back the rest. Every step goes through <see cref="StaffGate"/>.
/// </summary>
public sealed partial class WithdrawCommandFeature(
    StaffGate gate,
    Lazy<INotificationStore> notifications,
    Lazy<IDeliveryProgressSource> progress,
    Lazy<RecentNotifications> recent,
    Lazy<NotificationWithdrawal> withdrawal) : IDialogFeature
{
    private const string ConfirmStep = "confirm";
    private const string ConfirmAnswer = "confirm";
    private const string KeepAnswer = "keep";
    private static readonly string[] CommandWords = ["withdraw", "retirer"];
    private static readonly string[] ConfirmWords = [ConfirmAnswer, "confirmer", "withdraw", "retirer", "yes", "oui", "ok"];
    private static readonly string[] KeepWords = [KeepAnswer, "no", "non", "cancel", "annuler", "continuer", "keep sending", "continuer l'envoi"];

    /// <inheritdoc />
    public string Name => "withdraw";

    /// <inheritdoc />
    public int Order => 100;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        // Typed, or the Withdraw button of a progress card (which sends "withdraw <id>" as its answer).
        var answer = TextMatching.Normalize(turn.Input.AnswerText);
        var words = answer.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // "withdraw <id>" from anyone (refused unless staff); a bare "withdraw" only from staff, so that a citizen's
        // « retirer … » keeps its other meanings (consent, for one). While the question is asked, a bare "Withdraw" is
        // its answer (the button's title, as channels without cards send it back).
        var answering = turn.State.IsIn(Name) && words.Length == 1;
        var isCommand = !answering && words.Length > 0 && CommandWords.Contains(words[0])
            && ((words.Length == 2 && NotificationId().IsMatch(words[1])) || (words.Length == 1 && gate.RoleOf(turn) >= StaffRole.Staff));
        if (isCommand)
        {
            if (gate.Allows(turn, StaffRole.Staff, "withdraw"))
            {
                await AskAsync(turn, words.Length == 2 ? words[1] : null, cancellationToken);
            }

            return true;
        }

        if (!turn.State.IsIn(Name))
        {
            return false;
        }

        if (!gate.Allows(turn, StaffRole.Staff, "withdraw"))
        {
            turn.State.LeaveFeature();
            return true;
        }

        // A sentence that answers neither way is something else: the question lapses (a later "yes" must not withdraw).
        if (words.Length >= 3 && !ConfirmWords.Contains(answer) && !KeepWords.Contains(answer))
        {
            turn.State.LeaveFeature();
            return false;
        }

        await ConfirmAsync(turn, answer, cancellationToken);
        return true;
    }

    private async Task AskAsync(DialogTurn turn, string? id, CancellationToken cancellationToken)
    {
        turn.State.LeaveFeature();
        var notification = id is null
            ? await recent.Value.LatestAsync(n => n.Status == NotificationStatus.Queued, cancellationToken)
            : await notifications.Value.GetAsync(id, cancellationToken);
        if (notification is null)
        {
            turn.Reply(id is null
                ? PublishingTexts.Get(PublishingTexts.WithdrawNothing, turn.Language)
                : PublishingTexts.Format(PublishingTexts.ProgressUnknown, turn.Language, id));
            return;
        }

        var counts = await progress.Value.GetAsync(notification.Id, cancellationToken);
        if (Settled(notification, counts, turn.Language) is { } settled)
        {
            turn.Reply(settled);
            return;
        }

        var title = notification.Title.For(turn.Language);
        var draft = notification.Status == NotificationStatus.Draft && counts.Total == 0;
        var question = draft
            ? PublishingTexts.Format(PublishingTexts.WithdrawAskDraft, turn.Language, title)
            : PublishingTexts.Format(
                PublishingTexts.WithdrawAsk,
                turn.Language,
                title,
                DeliveryProgress.Number(counts.Sent, turn.Language),
                DeliveryProgress.Number(counts.Total, turn.Language),
                DeliveryProgress.Number(counts.Pending, turn.Language));
        turn.Prompt(new PromptReply
        {
            Text = question,
            Kind = PromptKind.Choice,
            Choices =
            [
                new PromptChoice(ConfirmAnswer, PublishingTexts.Get(PublishingTexts.WithdrawConfirm, turn.Language)),
                new PromptChoice(KeepAnswer, PublishingTexts.Get(PublishingTexts.WithdrawKeep, turn.Language)),
            ],
            TextFallback = question + " " + PublishingTexts.Get(PublishingTexts.WithdrawHint, turn.Language),
            SubmitLabel = PublishingTexts.Get(PublishingTexts.WithdrawConfirm, turn.Language),
        });
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = notification.Id };
        if (draft)
        {
            data["draft"] = "1";
        }

        turn.State.EnterFeature(Name, ConfirmStep, data);
    }

    private async Task ConfirmAsync(DialogTurn turn, string answer, CancellationToken cancellationToken)
    {
        var id = turn.State.FeatureData?.GetValueOrDefault("id");
        var draft = turn.State.FeatureData?.ContainsKey("draft") == true;
        if (id is null || KeepWords.Contains(answer))
        {
            turn.State.LeaveFeature();
            var kept = id is null ? null : await notifications.Value.GetAsync(id, cancellationToken);
            turn.Reply(PublishingTexts.Format(draft ? PublishingTexts.WithdrawKeptDraft : PublishingTexts.WithdrawKept, turn.Language, kept?.Title.For(turn.Language) ?? string.Empty));
            return;
        }

        if (!ConfirmWords.Contains(answer))
        {
            turn.Reply(PublishingTexts.Get(PublishingTexts.WithdrawHint, turn.Language));
            return;
        }

        turn.State.LeaveFeature();
        var sender = turn.Input.Sender;
        var result = await withdrawal.Value.WithdrawAsync(id, $"{sender.ChannelId}:{sender.AadObjectId ?? sender.UserId}", cancellationToken);
        if (result is not { Notification: { } notification, Progress: { } counts })
        {
            turn.Reply(PublishingTexts.Format(PublishingTexts.ProgressUnknown, turn.Language, id));
            return;
        }

        var title = notification.Title.For(turn.Language);
        turn.Reply(result.Outcome switch
        {
            WithdrawalOutcome.Withdrawn when notification.Status == NotificationStatus.Cancelled && counts.Total == 0 =>
                PublishingTexts.Format(PublishingTexts.WithdrawDraftDone, turn.Language, title),
            WithdrawalOutcome.Withdrawn =>
                PublishingTexts.Format(PublishingTexts.WithdrawDone, turn.Language, title, DeliveryProgress.Number(counts.Sent, turn.Language)),
            _ => Settled(notification, counts, turn.Language) ?? PublishingTexts.Format(PublishingTexts.WithdrawAlready, turn.Language, title),
        });
    }

    /// <summary>Why there is nothing to withdraw (already withdrawn, or every message already settled), or null.</summary>
    private static string? Settled(Notification notification, DeliveryProgress counts, string language) => notification.Status switch
    {
        NotificationStatus.Cancelling or NotificationStatus.Cancelled =>
            PublishingTexts.Format(PublishingTexts.WithdrawAlready, language, notification.Title.For(language)),
        NotificationStatus.Completed or NotificationStatus.Queued when counts.IsFinished =>
            PublishingTexts.Format(PublishingTexts.WithdrawTooLate, language, notification.Title.For(language), counts.Describe(language)),
        _ => null,
    };

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NotificationId();
}
