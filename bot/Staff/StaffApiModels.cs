using EngagementBot.Dialogs.Publishing;
using EngagementBot.Storage.Domain;
using DeliveryProgress = EngagementBot.Dialogs.Publishing.DeliveryProgress;

namespace EngagementBot.Bot.Staff;

/// <summary>A text in French and English (either may be left out when creating).</summary>
/// <param name="Fr">French.</param>
/// <param name="En">English.</param>
public sealed record StaffLocalizedText(string? Fr, string? En);

/// <summary>A notification to create (and preview with <see cref="DryRun"/>).</summary>
/// <param name="Kind"><c>news</c>, <c>interimReport</c>, <c>finalResults</c> or <c>eventReminder</c>.</param>
/// <param name="Title">Headline, in French and/or English.</param>
/// <param name="Body">Body, in the same languages as the title.</param>
/// <param name="Link">Optional absolute https link.</param>
/// <param name="DryRun">Only validate and count the audience; nothing is stored.</param>
public sealed record CreateNotificationRequest(string? Kind, StaffLocalizedText? Title, StaffLocalizedText? Body, string? Link, bool DryRun = false);

/// <summary>Delivery counts.</summary>
/// <param name="Total">Deliveries written.</param>
/// <param name="Sent">Accepted by the channel.</param>
/// <param name="Failed">Given up after retries.</param>
/// <param name="Unreachable">Skipped: conversation unreachable or recipient unsubscribed.</param>
/// <param name="Pending">Waiting or being sent.</param>
/// <param name="Withdrawn">Not sent because the notification was withdrawn (cancelled).</param>
/// <param name="Finished">Every delivery reached a final state.</param>
/// <param name="Summary">"1,234 / 5,000 sent, 3 failed, 12 unreachable, 0 pending" (", 3,766 withdrawn" once withdrawn).</param>
public sealed record StaffProgress(int Total, int Sent, int Failed, int Unreachable, int Pending, int Withdrawn, bool Finished, string Summary)
{
    internal static StaffProgress From(DeliveryProgress progress) =>
        new(progress.Total, progress.Sent, progress.Failed, progress.Unreachable, progress.Pending, progress.Withdrawn, progress.IsFinished, progress.Describe("en"));
}

/// <summary>The answer to a dry run: what would be published, to how many participants.</summary>
/// <param name="Project">The project slug.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Audience">Participants it would reach.</param>
/// <param name="OneLanguageOnly">Only one language was given (everyone gets it).</param>
/// <param name="Title">Headline as it will be sent.</param>
/// <param name="Body">Body as it will be sent.</param>
/// <param name="Link">Link, if any.</param>
public sealed record NotificationPreview(string Project, string Kind, int Audience, bool OneLanguageOnly, StaffLocalizedText Title, StaffLocalizedText Body, string? Link);

/// <summary>A notification with its delivery progress.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Project">Project slug.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Status"><c>draft</c>, <c>queued</c>, <c>completed</c>, <c>cancelling</c> (withdrawn, the rest being held back) or <c>cancelled</c>.</param>
/// <param name="Title">Headline.</param>
/// <param name="Body">Body.</param>
/// <param name="Link">Link, if any.</param>
/// <param name="CreatedBy">Publisher.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="Audience">Participants it reaches (on creation), if computed.</param>
/// <param name="Progress">Delivery counts (on reads).</param>
public sealed record NotificationView(
    string Id, string Project, string Kind, string Status, StaffLocalizedText Title, StaffLocalizedText Body, string? Link,
    string CreatedBy, DateTimeOffset CreatedAt, int? Audience, StaffProgress? Progress)
{
    internal static NotificationView From(Notification n, int? audience, DeliveryProgress? progress) => new(
        n.Id, n.ProjectSlug, KindName(n.Kind), n.Status.ToString().ToLowerInvariant(), new StaffLocalizedText(n.Title.Fr, n.Title.En),
        new StaffLocalizedText(n.Body.Fr, n.Body.En), n.Link?.AbsoluteUri, n.CreatedBy, n.CreatedAt, audience, progress is null ? null : StaffProgress.From(progress));

    internal static string KindName(NotificationKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
}

/// <summary>The outcome of publishing.</summary>
/// <param name="Id">The notification.</param>
/// <param name="Status">Its status after the fan-out (<c>queued</c>).</param>
/// <param name="Recipients">Participants in the audience.</param>
/// <param name="Conversations">Their conversations.</param>
/// <param name="Added">Deliveries added by this call (0 when it was already published).</param>
/// <param name="Unreachable">Conversations skipped as unreachable.</param>
/// <param name="Progress">Delivery counts now.</param>
public sealed record PublishResult(string Id, string Status, int Recipients, int Conversations, int Added, int Unreachable, StaffProgress Progress);

/// <summary>A page of notifications.</summary>
/// <param name="Items">The notifications, oldest first.</param>
/// <param name="ContinuationToken">Token of the next page, if any.</param>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, string? ContinuationToken);
