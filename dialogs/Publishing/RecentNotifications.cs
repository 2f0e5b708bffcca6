using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// The publication staff mean when they give no id ("progress", "withdraw"): the most recent notification of any
/// project that staff published (not an automatic event reminder) and that matches. It reads every project's
/// notifications, which is fine for these rare staff commands.
/// </summary>
public sealed class RecentNotifications(IProjectStore projects, INotificationStore notifications)
{
    /// <summary>The most recent staff publication for which <paramref name="matches"/> is true, or null.</summary>
    public async Task<Notification?> LatestAsync(Func<Notification, bool> matches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matches);
        Notification? latest = null;
        foreach (var project in await Pages.AllAsync(projects.ListAsync, cancellationToken))
        {
            foreach (var notification in await Pages.AllAsync((page, ct) => notifications.ListByProjectAsync(project.Slug, page, ct), cancellationToken))
            {
                if (notification.Kind != NotificationKind.EventReminder && matches(notification) && (latest is null || notification.CreatedAt > latest.CreatedAt))
                {
                    latest = notification;
                }
            }
        }

        return latest;
    }
}
