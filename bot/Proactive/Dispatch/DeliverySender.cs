using System.Globalization;
using System.Net;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>What the batch knows about a delivery's notification and the recipient's recent messages.</summary>
/// <param name="Notification">The notification (read once per batch).</param>
/// <param name="Cap">The frequency cap's budget of the batch.</param>
internal sealed record DeliveryContext(Notification Notification, FrequencyBudget Cap);

/// <summary>
/// One delivery, start to outcome: checks the recipient is still there and subscribed, quiet hours, the frequency
/// cap, the rate limits, then composes the message for this recipient and sends it through
/// <see cref="IProactiveMessenger"/>. Returns the outcome to record (never throws for a send failure).
/// </summary>
public sealed partial class DeliverySender(
    IServiceScopeFactory scopes,
    SendRateLimiter rateLimiter,
    QuietHours quietHours,
    IOptions<DispatchOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliverySender> logger)
{
    internal async Task<Delivery?> SendAsync(Delivery delivery, DeliveryContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var notification = context.Notification;

        // Too close to the end of the lease: another dispatcher may take it over while we send. Leave it.
        var margin = settings.LeaseDuration / 4;
        if (delivery.LeaseExpiresAt is { } leaseEnd && timeProvider.GetUtcNow() > leaseEnd - margin)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var participant = await services.GetRequiredService<IParticipantStore>().GetAsync(delivery.ParticipantId, cancellationToken);
        if (participant is null)
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Erased, countsAsAttempt: false);
        }

        if (!participant.Subscriptions.Any(s => s.ProjectSlug == notification.ProjectSlug && (s.Topics & notification.Topic) != 0))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Unsubscribed, countsAsAttempt: false);
        }

        var reference = await services.GetRequiredService<IConversationReferenceStore>().GetAsync(delivery.ConversationReferenceId, cancellationToken);
        if (reference is null)
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.UnknownConversation, countsAsAttempt: false);
        }

        if (reference.Reachability == Reachability.Unreachable)
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.Unreachable, countsAsAttempt: false);
        }

        if (quietHours.DeferUntil(timeProvider.GetUtcNow()) is { } quietEnd)
        {
            return delivery with { Status = DeliveryStatus.Pending, NextAttemptAt = quietEnd, LastError = DeliveryReasons.QuietHours, UpdatedAt = timeProvider.GetUtcNow() };
        }

        if (notification.Kind != NotificationKind.FinalResults && !context.Cap.TryTake(delivery.ParticipantId))
        {
            return Final(delivery, DeliveryStatus.Skipped, DeliveryReasons.FrequencyCap, countsAsAttempt: false);
        }

        await rateLimiter.WaitAsync(delivery.ConversationReferenceId, reference.ChannelId, reference.TenantId, cancellationToken);
        var composed = await services.GetRequiredService<INotificationComposer>().ComposeAsync(notification, participant, cancellationToken);
        try
        {
            var outcome = await services.GetRequiredService<IProactiveMessenger>().SendAsync(reference, composed.Replies, composed.Language, cancellationToken);
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
