using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Turns.Middleware;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// What one claimed batch shares, read once after the claim: its notifications, the frequency cap's budget, the
/// recipients (participants with subscriptions and conversation references, one batched read), the composer prepared
/// for the batch's personal messages (what they need read at once), the messages composed once per notification and
/// language (when the composer says they are not personal), the conversations found unreachable during the batch, and
/// whether staff withdrew one of its notifications meanwhile.
/// </summary>
internal sealed class DispatchBatch(
    IReadOnlyDictionary<string, Notification> notifications,
    FrequencyBudget cap,
    DeliveryRecipients recipients,
    INotificationComposer? prepared = null,
    WithdrawalWatch? withdrawals = null)
{
    private readonly ConcurrentDictionary<(string NotificationId, string? Language), Task<ComposedNotification>> _shared = new();
    private readonly ConcurrentDictionary<string, bool> _unreachable = new(StringComparer.Ordinal);

    /// <summary>The batch's notifications, by id (read once per batch).</summary>
    public IReadOnlyDictionary<string, Notification> Notifications { get; } = notifications;

    /// <summary>The frequency cap's budget of the batch.</summary>
    public FrequencyBudget Cap { get; } = cap;

    /// <summary>The batch's participants and conversation references.</summary>
    public DeliveryRecipients Recipients { get; } = recipients;

    /// <summary>
    /// The message for <paramref name="recipient"/>: composed for them when it is personal (by the composer prepared for
    /// the batch when there is one), otherwise the one message of this notification and language, composed by the
    /// first delivery that needs it.
    /// </summary>
    public async Task<ComposedNotification> ComposeAsync(INotificationComposer composer, Notification notification, Participant recipient, CancellationToken cancellationToken)
    {
        if (composer.IsPersonal(notification))
        {
            return await (prepared ?? composer).ComposeAsync(notification, recipient, cancellationToken);
        }

        var key = (notification.Id, recipient.PreferredLanguage);
        var shared = _shared.GetOrAdd(key, _ => composer.ComposeAsync(notification, recipient, cancellationToken));
        try
        {
            return await shared;
        }
        catch
        {
            _shared.TryRemove(new KeyValuePair<(string, string?), Task<ComposedNotification>>(key, shared)); // the next delivery tries again
            throw;
        }
    }

    /// <summary>Whether staff withdrew the notification (as read with the batch, or since: see <see cref="WithdrawalWatch"/>).</summary>
    public ValueTask<bool> IsWithdrawnAsync(string notificationId, CancellationToken cancellationToken) =>
        withdrawals?.IsWithdrawnAsync(notificationId, cancellationToken)
        ?? ValueTask.FromResult(Notifications[notificationId].Status is NotificationStatus.Cancelling or NotificationStatus.Cancelled);

    /// <summary>Whether a send of this batch already found the conversation unreachable (it is not asked again).</summary>
    public bool FoundUnreachable(string conversationReferenceId) => _unreachable.ContainsKey(conversationReferenceId);

    /// <summary>Notes that the conversation turned out unreachable.</summary>
    public void NoteUnreachable(string conversationReferenceId) => _unreachable[conversationReferenceId] = true;
}

/// <summary>
/// One delivery, start to outcome: checks the notification was not withdrawn, the recipient is still there and
/// subscribed (as read for the batch right after the claim), quiet hours, the frequency cap, the rate limits, whether
/// the notification was withdrawn meanwhile, then composes the message (for this recipient,
/// or once per language when it is not personal) and sends it through <see cref="IProactiveMessenger"/>. Returns the
/// outcome to record (never throws for a send failure).
/// </summary>
public sealed partial class DeliverySender(
    SendRateLimiter rateLimiter,
    QuietHours quietHours,
    IOptions<DispatchOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliverySender> logger)
{
    /// <summary>
    /// Sends one delivery of <paramref name="batch"/> with <paramref name="composer"/> and <paramref name="messenger"/>
    /// (from the calling worker's scope, used by one send at a time).
    /// </summary>
    internal async Task<Delivery?> SendAsync(
        Delivery delivery, DispatchBatch batch, INotificationComposer composer, IProactiveMessenger messenger, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var notification = batch.Notifications[delivery.NotificationId];

        // Too close to the end of the lease: another dispatcher may take it over while we send. Leave it.
        var margin = settings.LeaseDuration / 4;
        if (delivery.LeaseExpiresAt is { } leaseEnd && timeProvider.GetUtcNow() > leaseEnd - margin)
        {
            return null;
        }

        if (await batch.IsWithdrawnAsync(notification.Id, cancellationToken))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Withdrawn, countsAsAttempt: false);
        }

        if (!batch.Recipients.Participants.TryGetValue(delivery.ParticipantId, out var participant))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Erased, countsAsAttempt: false);
        }

        // Event reminders also reach those who asked for one ("remind me": topic Reminders), not only Events subscribers.
        var topics = notification.Kind == NotificationKind.EventReminder ? notification.Topic | SubscriptionTopics.Reminders : notification.Topic;
        if (!participant.Subscriptions.Any(s => s.ProjectSlug == notification.ProjectSlug && (s.Topics & topics) != 0))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Unsubscribed, countsAsAttempt: false);
        }

        if (!batch.Recipients.References.TryGetValue(delivery.ConversationReferenceId, out var reference))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.UnknownConversation, countsAsAttempt: false);
        }

        if (reference.Reachability == Reachability.Unreachable || batch.FoundUnreachable(reference.Id))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Unreachable, countsAsAttempt: false);
        }

        if (quietHours.DeferUntil(timeProvider.GetUtcNow(), reference.TimeZone) is { } quietEnd)
        {
            return delivery with { Status = DeliveryStatus.Pending, NextAttemptAt = quietEnd, LastError = DeliveryReasons.QuietHours, UpdatedAt = timeProvider.GetUtcNow() };
        }

        if (notification.Kind != NotificationKind.FinalResults && !batch.Cap.TryTake(delivery.ParticipantId))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.FrequencyCap, countsAsAttempt: false);
        }

        await rateLimiter.WaitAsync(delivery.ConversationReferenceId, reference.ChannelId, reference.TenantId, cancellationToken);

        // The wait for the rate limits can be long (a big audience on one tenant): look again right before sending.
        if (await batch.IsWithdrawnAsync(notification.Id, cancellationToken))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Withdrawn, countsAsAttempt: false);
        }

        // In the participant's language: the one they chose, else the one they use in the conversation it goes to.
        var recipient = participant.PreferredLanguage is null && LocaleMiddleware.LanguageOf(reference.Locale) is { } spoken
            ? participant with { PreferredLanguage = spoken }
            : participant;
        var composed = await batch.ComposeAsync(composer, notification, recipient, cancellationToken);
        try
        {
            var outcome = await messenger.SendAsync(reference, composed.Replies, composed.Language, cancellationToken);
            if (outcome == ProactiveSendOutcome.Unreachable)
            {
                batch.NoteUnreachable(reference.Id);
            }

            return outcome switch
            {
                ProactiveSendOutcome.Sent => delivery with
                {
                    Status = DeliveryStatus.Sent,
                    Attempts = delivery.Attempts + 1,
                    SentAt = timeProvider.GetUtcNow(),
                    LastError = null,
                    NextAttemptAt = null,
                    UpdatedAt = timeProvider.GetUtcNow(),
                },
                ProactiveSendOutcome.Unreachable => Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Unreachable, countsAsAttempt: true),
                _ => Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.UnknownConversation, countsAsAttempt: true),
            };
        }
        catch (ConnectorException ex) when (!IsTransient(ex))
        {
            LogPermanentFailure(logger, ex, delivery.Id);
            return Final(delivery, DeliveryStatus.Failed, Reason(ex), countsAsAttempt: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Retry(delivery, ex);
        }
    }

    private Delivery Retry(Delivery delivery, Exception ex)
    {
        var settings = options.Value;
        var attempts = delivery.Attempts + 1;
        var reason = ex is ConnectorException connector ? Reason(connector) : ex is OperationCanceledException ? "timeout" : ex.GetType().Name;
        if (attempts >= settings.MaxAttempts)
        {
            LogGaveUp(logger, delivery.Id, attempts, reason);
            return Final(delivery, DeliveryStatus.Failed, $"{reason} after {attempts} attempts", countsAsAttempt: true);
        }

        // Exponential back-off with jitter (half to full delay), capped.
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempts - 1);
        var delay = TimeSpan.FromMilliseconds(Math.Min(settings.RetryMaxDelay.TotalMilliseconds, exponential) * (0.5 + (Random.Shared.NextDouble() * 0.5)));
        var now = timeProvider.GetUtcNow();
        LogRetry(logger, delivery.Id, attempts, reason, delay);
        return delivery with { Status = DeliveryStatus.Pending, Attempts = attempts, NextAttemptAt = now + delay, LastError = reason, UpdatedAt = now };
    }

    private Delivery Final(Delivery delivery, DeliveryStatus status, string reason, bool countsAsAttempt) => delivery with
    {
        Status = status,
        Attempts = delivery.Attempts + (countsAsAttempt ? 1 : 0),
        LastError = reason,
        NextAttemptAt = null,
        UpdatedAt = timeProvider.GetUtcNow(),
    };

    /// <summary>No response (timeout, connection) or a status worth another attempt later (429, 5xx).</summary>
    private static bool IsTransient(ConnectorException ex) =>
        ex is not UntrustedServiceUrlException
        && (ex.StatusCode is null || ConnectorErrorClassifier.IsTransient(ex.StatusCode.Value) || (int)ex.StatusCode.Value >= 500);

    private static string Reason(ConnectorException ex) => ex switch
    {
        UntrustedServiceUrlException => "untrusted-service-url",
        { StatusCode: null } => "timeout",
        { StatusCode: HttpStatusCode status, Error.Error.Code: { } code } => $"connector {(int)status} {code}",
        { StatusCode: HttpStatusCode status } => "connector " + ((int)status).ToString(CultureInfo.InvariantCulture),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} failed for good")]
    private static partial void LogPermanentFailure(ILogger logger, Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} gave up after {Attempts} attempts ({Reason})")]
    private static partial void LogGaveUp(ILogger logger, string deliveryId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} attempt {Attempts} failed ({Reason}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string deliveryId, int attempts, string reason, TimeSpan delay);
}

/// <summary>The frequency cap's budget within one batch: recent capped sends per participant, counted as messages go.</summary>
internal sealed class FrequencyBudget(IReadOnlyDictionary<string, int> recent, int maxPerWeek)
{
    private readonly Dictionary<string, int> _counts = new(recent, StringComparer.Ordinal);

    /// <summary>Takes one message of the participant's weekly budget; false when it is used up.</summary>
    public bool TryTake(string participantId)
    {
        if (maxPerWeek == 0)
        {
            return true;
        }

        lock (_counts)
        {
            var used = _counts.GetValueOrDefault(participantId);
            if (used >= maxPerWeek)
            {
                return false;
            }

            _counts[participantId] = used + 1;
            return true;
        }
    }
}
