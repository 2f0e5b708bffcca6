using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// The hook the proactive dispatcher calls when every delivery of a notification reached a final state: the publisher
/// (when it was published from a chat) gets the final delivery report card, once.
/// </summary>
public interface IDeliveryReportNotifier
{
    /// <summary>Sends the final report of <paramref name="notificationId"/> to its publisher; false when there is nobody to tell or it was already sent.</summary>
    Task<bool> NotificationCompletedAsync(string notificationId, CancellationToken cancellationToken);
}

/// <summary>Sends <see cref="PublishingCards.Report"/> through <see cref="IProactiveMessenger"/> to the publisher's conversation.</summary>
public sealed partial class DeliveryReportNotifier(
    INotificationStore notifications,
    IDeliveryProgressSource progress,
    PublisherConversations publishers,
    IProactiveMessenger messenger,
    ILogger<DeliveryReportNotifier> logger) : IDeliveryReportNotifier
{
    /// <inheritdoc />
    public async Task<bool> NotificationCompletedAsync(string notificationId, CancellationToken cancellationToken)
    {
        var notification = await notifications.GetAsync(notificationId, cancellationToken);
        if (notification is null)
        {
            return false;
        }

        var publisher = await publishers.ClaimReportAsync(notificationId, cancellationToken);
        if (publisher is null)
        {
            return false;
        }

        ProactiveSendOutcome outcome;
        try
        {
            var counts = await progress.GetAsync(notificationId, cancellationToken);
            outcome = await messenger.SendAsync(
                publisher.ConversationReferenceId, [PublishingCards.Report(notification, counts, publisher.Language)], publisher.Language, cancellationToken);
        }
        catch
        {
            // A transient failure: give the report back so the next call sends it.
            await publishers.RememberAsync(notificationId, publisher, CancellationToken.None);
            throw;
        }

        LogReport(logger, notificationId, outcome);
        return outcome == ProactiveSendOutcome.Sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Final delivery report of notification {NotificationId}: {Outcome}")]
    private static partial void LogReport(ILogger logger, string notificationId, ProactiveSendOutcome outcome);
}
