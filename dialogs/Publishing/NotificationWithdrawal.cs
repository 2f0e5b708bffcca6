using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>What withdrawing a notification did.</summary>
public enum WithdrawalOutcome
{
    /// <summary>There is no notification with that id.</summary>
    Unknown,

    /// <summary>
    /// Withdrawn now: a draft is discarded (<see cref="NotificationStatus.Cancelled"/>); a publication still sending
    /// becomes <see cref="NotificationStatus.Cancelling"/> and the dispatcher sends none of its remaining deliveries.
    /// </summary>
    Withdrawn,

    /// <summary>It had been withdrawn already (nothing changed).</summary>
    AlreadyWithdrawn,

    /// <summary>Too late: every delivery had reached its final state (nothing left to hold back).</summary>
    AlreadyDelivered,
}

/// <summary>The result of <see cref="NotificationWithdrawal.WithdrawAsync"/>, with the notification as it now stands and its deliveries' counts.</summary>
public sealed record WithdrawalResult(WithdrawalOutcome Outcome, Notification? Notification, DeliveryProgress? Progress);

/// <summary>
/// Withdraws a notification staff published by mistake (wrong text, wrong project, wrong audience): the messages
/// already accepted by the channel stay sent, none of the others go out. The notification becomes
/// <see cref="NotificationStatus.Cancelling"/>; the dispatcher then claims its remaining deliveries at once (even those
/// waiting for quiet hours or a retry), marks them skipped (<see cref="DeliveryReasons.Withdrawn"/>) without sending, marks
/// the notification <see cref="NotificationStatus.Cancelled"/> and sends the final report to whoever published it. A
/// dispatcher that is sending a batch of it when it is withdrawn notices within
/// <c>Dispatch:WithdrawalCheckInterval</c>. Safe to repeat.
/// </summary>
public sealed partial class NotificationWithdrawal(
    INotificationStore notifications,
    IDeliveryProgressSource progress,
    ILogger<NotificationWithdrawal> logger)
{
    /// <summary>Withdraws <paramref name="notificationId"/> on behalf of <paramref name="staffId"/> (logged).</summary>
    public async Task<WithdrawalResult> WithdrawAsync(string notificationId, string staffId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        for (var attempt = 1; ; attempt++)
        {
            var notification = await notifications.GetAsync(notificationId, cancellationToken);
            if (notification is null)
            {
                return new WithdrawalResult(WithdrawalOutcome.Unknown, null, null);
            }

            var counts = await progress.GetAsync(notificationId, cancellationToken);
            switch (notification.Status)
            {
                case NotificationStatus.Cancelling or NotificationStatus.Cancelled:
                    return new WithdrawalResult(WithdrawalOutcome.AlreadyWithdrawn, notification, counts);
                case NotificationStatus.Completed:
                case NotificationStatus.Queued when counts.IsFinished:
                    return new WithdrawalResult(WithdrawalOutcome.AlreadyDelivered, notification, counts);
            }

            // A draft with nothing left to send is simply discarded; otherwise the dispatcher finishes the withdrawal.
            var status = counts.IsFinished ? NotificationStatus.Cancelled : NotificationStatus.Cancelling;
            try
            {
                var saved = await notifications.SaveAsync(notification with { Status = status }, cancellationToken);
                LogWithdrawn(logger, notificationId, staffId, counts.Sent, counts.Pending);
                return new WithdrawalResult(WithdrawalOutcome.Withdrawn, saved, counts);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // Changed meanwhile (the dispatcher completed it, a fan-out queued it, someone else withdrew it): look again.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} withdrawn by {StaffId}: {Sent} already sent, {Pending} still to send are held back")]
    private static partial void LogWithdrawn(ILogger logger, string notificationId, string staffId, int sent, int pending);
}
