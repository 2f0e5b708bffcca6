using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// Tells the senders of one claimed batch whether staff withdrew one of its notifications: the statuses read with the
/// batch, read again at most once per <see cref="DispatchOptions.WithdrawalCheckInterval"/> while the batch is sent
/// (by one sender; the others go on with what was last read, so nobody waits for it).
/// </summary>
internal sealed partial class WithdrawalWatch(
    IServiceScopeFactory scopes,
    IReadOnlyCollection<Notification> notifications,
    TimeProvider timeProvider,
    TimeSpan interval,
    ILogger logger)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile HashSet<string> _withdrawn = Withdrawn(notifications);
    private long _checkedAt = timeProvider.GetUtcNow().UtcTicks;

    /// <summary>Whether <paramref name="notificationId"/> was withdrawn (as last read).</summary>
    public async ValueTask<bool> IsWithdrawnAsync(string notificationId, CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow().UtcTicks - Volatile.Read(ref _checkedAt) >= interval.Ticks && _refresh.Wait(0, CancellationToken.None))
        {
            try
            {
                await RefreshAsync(cancellationToken);
            }
            finally
            {
                _refresh.Release();
            }
        }

        return _withdrawn.Contains(notificationId);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
            var current = new List<Notification>(notifications.Count);
            foreach (var notification in notifications)
            {
                current.Add(await store.GetAsync(notification.Id, cancellationToken) ?? notification with { Status = NotificationStatus.Cancelled });
            }

            _withdrawn = Withdrawn(current);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store is unavailable for a moment: go on with what was read last, and look again after the interval.
            LogRefreshFailed(logger, ex);
        }
        finally
        {
            Volatile.Write(ref _checkedAt, timeProvider.GetUtcNow().UtcTicks);
        }
    }

    private static HashSet<string> Withdrawn(IEnumerable<Notification> notifications) =>
        notifications.Where(n => n.Status is NotificationStatus.Cancelling or NotificationStatus.Cancelled).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read whether the batch's notifications were withdrawn; trying again shortly")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
