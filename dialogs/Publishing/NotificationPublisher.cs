using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>What a fan-out wrote.</summary>
/// <param name="Recipients">Participants in the audience.</param>
/// <param name="Conversations">Their conversations (one delivery each).</param>
/// <param name="Added">Deliveries written by this run (a re-run adds only the missing ones).</param>
/// <param name="Unreachable">Conversations known to be unreachable (written as skipped deliveries, never sent).</param>
public sealed record FanOutResult(int Recipients, int Conversations, int Added, int Unreachable);

/// <summary>
/// Publishes notifications: saves the notification, then writes one <see cref="Delivery"/> per recipient conversation
/// (the outbox rows the proactive dispatcher sends), page by page. The notification stays <see cref="NotificationStatus.Draft"/>
/// while its deliveries are written and becomes <see cref="NotificationStatus.Queued"/> once they all are, so a
/// dispatcher never takes a half-written notification for finished. Every delivery has the idempotency key
/// <c>{notification id}:{conversation reference id}</c>: running the fan-out again (after a crash, or twice) adds only
/// what is missing.
/// </summary>
public sealed partial class NotificationPublisher(
    INotificationStore notifications,
    IConversationReferenceStore references,
    PublishingAudience audience,
    TimeProvider timeProvider,
    ILogger<NotificationPublisher> logger)
{
    /// <summary>Delivery error recorded for a conversation already known to be unreachable.</summary>
    public const string UnreachableReason = "unreachable";

    /// <summary>Saves a new notification (status <see cref="NotificationStatus.Draft"/>, no delivery yet).</summary>
    public Task<Notification> CreateDraftAsync(ValidDraft draft, string author, CancellationToken cancellationToken) =>
        CreateDraftAsync(draft, author, Ids.New(timeProvider.GetUtcNow()), cancellationToken);

    /// <summary>Saves a new notification with a given id (a <see cref="ConcurrencyConflictException"/> if it exists).</summary>
    public async Task<Notification> CreateDraftAsync(ValidDraft draft, string author, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var notification = new Notification
        {
            Id = id,
            ProjectSlug = draft.ProjectSlug,
            Topic = NotificationKinds.TopicOf(draft.Kind),
            Kind = draft.Kind,
            Title = draft.Title,
            Body = draft.Body,
            Link = draft.Link,
            CreatedBy = author,
            CreatedAt = timeProvider.GetUtcNow(),
            Status = NotificationStatus.Draft,
        };
        return await notifications.SaveAsync(notification, cancellationToken);
    }

    /// <summary>Writes the deliveries of a notification to its audience (<see cref="PublishingAudience"/>) and queues it.</summary>
    public Task<FanOutResult> FanOutAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return FanOutAsync(
            notification,
            audience.PagesAsync(notification.ProjectSlug, notification.Kind, cancellationToken),
            (_, reference) => $"{notification.Id}:{reference.Id}",
            cancellationToken);
    }

    /// <summary>
    /// Writes the deliveries of a notification to the given recipients, one page at a time, with the idempotency key
    /// <paramref name="keyOf"/> gives per (participant, conversation), then marks the notification queued.
    /// </summary>
    public async Task<FanOutResult> FanOutAsync(
        Notification notification,
        IAsyncEnumerable<IReadOnlyList<Participant>> recipients,
        Func<Participant, ConversationReferenceRecord, string> keyOf,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(keyOf);
        if (notification.Status is NotificationStatus.Cancelled or NotificationStatus.Cancelling)
        {
            throw new InvalidOperationException($"Notification {notification.Id} was withdrawn.");
        }

        int participants = 0, conversations = 0, added = 0, unreachable = 0;
        var batch = new List<Delivery>();
        await foreach (var page in recipients.WithCancellation(cancellationToken))
        {
            batch.Clear();
            var now = timeProvider.GetUtcNow();

            // The page's conversations in one read (a few queries), not one query per participant.
            var conversationsOf = (await references.ListByParticipantsAsync([.. page.Select(p => p.Id)], cancellationToken)).ToLookup(r => r.ParticipantId, StringComparer.Ordinal);
            foreach (var participant in page)
            {
                participants++;
                foreach (var reference in conversationsOf[participant.Id])
                {
                    conversations++;
                    var isUnreachable = reference.Reachability == Reachability.Unreachable;
                    unreachable += isUnreachable ? 1 : 0;
                    batch.Add(new Delivery
                    {
                        Id = Ids.New(now),
                        NotificationId = notification.Id,
                        ParticipantId = participant.Id,
                        ConversationReferenceId = reference.Id,
                        IdempotencyKey = keyOf(participant, reference),
                        Status = isUnreachable ? DeliveryStatus.Skipped : DeliveryStatus.Pending,
                        LastError = isUnreachable ? UnreachableReason : null,
                        CreatedAt = now,
                        UpdatedAt = now,
                    });
                }
            }

            added += await notifications.AddDeliveriesAsync(batch, cancellationToken);

            // Withdrawn by staff while it was being written (a REST fan-out commits page by page): write no more.
            if ((await notifications.GetAsync(notification.Id, cancellationToken))?.Status is NotificationStatus.Cancelling or NotificationStatus.Cancelled)
            {
                LogStoppedWithdrawn(logger, notification.Id, added);
                return new FanOutResult(participants, conversations, added, unreachable);
            }
        }

        await MarkQueuedAsync(notification, cancellationToken);
        LogFannedOut(logger, notification.Id, participants, conversations, added, unreachable);
        return new FanOutResult(participants, conversations, added, unreachable);
    }

    private async Task MarkQueuedAsync(Notification notification, CancellationToken cancellationToken)
    {
        var current = notification;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (current.Status != NotificationStatus.Draft)
            {
                return;
            }

            try
            {
                await notifications.SaveAsync(current with { Status = NotificationStatus.Queued }, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                current = await notifications.GetAsync(notification.Id, cancellationToken)
                    ?? throw new InvalidOperationException($"Notification {notification.Id} disappeared during fan-out.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fan-out of notification {NotificationId} stopped after {Added} deliveries: it was withdrawn")]
    private static partial void LogStoppedWithdrawn(ILogger logger, string notificationId, int added);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} fanned out: {Participants} participants, {Conversations} conversations, {Added} deliveries added, {Unreachable} unreachable")]
    private static partial void LogFannedOut(ILogger logger, string notificationId, int participants, int conversations, int added, int unreachable);
}
