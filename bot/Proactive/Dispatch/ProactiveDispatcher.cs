using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Publishing;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// The proactive dispatcher of this instance: claims due deliveries from the outbox with a lease under its own owner
/// id, sends them with bounded concurrency (<see cref="DeliverySender"/>), records each outcome (by group commit,
/// <see cref="OutcomeRecorder"/>) before that worker's next send, and on graceful shutdown lets the sends in flight finish, records them and gives its remaining leases
/// back. Several instances on one database never send the same delivery while a lease runs; a crashed instance's
/// deliveries are claimed again when their lease expires.
/// </summary>
public sealed partial class ProactiveDispatcher(
    IServiceScopeFactory scopes,
    DeliverySender sender,
    IOptions<DispatchOptions> options,
    TimeProvider timeProvider,
    ILogger<ProactiveDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan CapWindow = TimeSpan.FromDays(7);

    // Notifications sent to since the last check whether they are complete (checked after a batch that was not full).
    private readonly HashSet<string> _unchecked = new(StringComparer.Ordinal);

    /// <summary>This instance's lease owner id (machine, process, random suffix).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Claims one batch and processes it to the end (outcomes recorded). Returns how many deliveries were claimed
    /// (0 when nothing was due). Tests call this; the background loop does the same with the next claim prefetched.
    /// </summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken) =>
        await ProcessAsync(await ClaimAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        LogStarted(logger, Owner, settings.Concurrency, settings.BatchSize);
        Task<ClaimedBatch>? prefetched = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int claimed;
                try
                {
                    var batch = await (prefetched ?? ClaimAsync(stoppingToken));
                    prefetched = null;

                    // A full batch means more may be due: claim the next one while this one is sent, so the claim and
                    // the batch's reads are off the sending path. (Its leases start a batch earlier; a graceful stop
                    // gives them back unsent.)
                    if (batch.Deliveries.Count == settings.BatchSize)
                    {
                        prefetched = ClaimAsync(stoppingToken);
                    }

                    claimed = await ProcessAsync(batch, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogBatchFailed(logger, ex);
                    claimed = 0;
                }

                if (claimed == 0)
                {
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await SettleAsync(prefetched);
            await ReleaseLeasesAsync();
        }
    }

    /// <summary>A claimed batch (empty when nothing was due) with what its deliveries share.</summary>
    private sealed record ClaimedBatch(IReadOnlyList<Delivery> Deliveries, DispatchBatch? Shared);

    private async Task<ClaimedBatch> ClaimAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        var now = timeProvider.GetUtcNow();
        var claimed = await store.ClaimDueDeliveriesAsync(Owner, now, settings.LeaseDuration, settings.BatchSize, cancellationToken);
        return claimed.Count == 0
            ? new ClaimedBatch(claimed, null)
            : new ClaimedBatch(claimed, await LoadBatchAsync(scope.ServiceProvider, store, claimed, now, cancellationToken));
    }

    private async Task<int> ProcessAsync(ClaimedBatch claim, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = claim.Deliveries;
        if (claim.Shared is not { } batch)
        {
            // Nothing due: a notification whose last batch was full is completed now.
            await CompleteFinishedNotificationsAsync(TakeUnchecked(), CancellationToken.None);
            return 0;
        }

        var outcomes = new OutcomeRecorder(scopes, Owner, logger);

        // Concurrency workers, each with its own DI scope for the whole batch (one send at a time per scope), take the
        // next delivery until none is left. Sends in flight are not cancelled on shutdown (cancelling one mid-request
        // would leave it in doubt); new ones stop.
        var next = -1;
        var workers = new Task[Math.Min(settings.Concurrency, claimed.Count)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(claimed, batch, outcomes, () => Interlocked.Increment(ref next), cancellationToken), CancellationToken.None);
        }

        await Task.WhenAll(workers);

        lock (_unchecked)
        {
            _unchecked.UnionWith(batch.Notifications.Keys);
        }

        if (claimed.Count < settings.BatchSize)
        {
            await CompleteFinishedNotificationsAsync(TakeUnchecked(), CancellationToken.None);
        }

        return claimed.Count;
    }

    /// <summary>The notifications sent to since the last completion check (and forgets them).</summary>
    private List<string> TakeUnchecked()
    {
        lock (_unchecked)
        {
            var ids = _unchecked.ToList();
            _unchecked.Clear();
            return ids;
        }
    }

    private async Task WorkAsync(
        IReadOnlyList<Delivery> claimed, DispatchBatch batch, OutcomeRecorder outcomes, Func<int> takeNext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var composer = scope.ServiceProvider.GetRequiredService<INotificationComposer>();
        var messenger = scope.ServiceProvider.GetRequiredService<IProactiveMessenger>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var index = takeNext();
            if (index >= claimed.Count)
            {
                return;
            }

            var delivery = claimed[index];
            if (!batch.Notifications.ContainsKey(delivery.NotificationId))
            {
                continue;
            }

            Delivery? outcome;
            try
            {
                outcome = await sender.SendAsync(delivery, batch, composer, messenger, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogUnexpected(logger, ex, delivery.Id);
                continue; // left leased: claimed again when the lease expires
            }

            if (outcome is not null)
            {
                await outcomes.RecordAsync(outcome, CancellationToken.None);
            }
        }
    }

    /// <summary>Waits for a prefetched claim to end (its leases are then released with the others).</summary>
    private async Task SettleAsync(Task<ClaimedBatch>? prefetched)
    {
        if (prefetched is null)
        {
            return;
        }

        try
        {
            await prefetched;
        }
        catch (OperationCanceledException)
        {
            // Cancelled by the stop: nothing was sent from it.
        }
        catch (Exception ex)
        {
            LogBatchFailed(logger, ex);
        }
    }

    private async Task ReleaseLeasesAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using var scope = scopes.CreateAsyncScope();
            var released = await scope.ServiceProvider.GetRequiredService<INotificationStore>().ReleaseLeasesAsync(Owner, timeout.Token);
            LogReleased(logger, Owner, released);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, ex, Owner);
        }
    }

    private async Task<DispatchBatch> LoadBatchAsync(
        IServiceProvider services, INotificationStore store, IReadOnlyList<Delivery> claimed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var notifications = new Dictionary<string, Notification>(StringComparer.Ordinal);
        foreach (var id in claimed.Select(d => d.NotificationId).Distinct(StringComparer.Ordinal))
        {
            if (await store.GetAsync(id, cancellationToken) is { } notification)
            {
                notifications[id] = notification;
            }
        }

        var cap = options.Value.FrequencyCap.MaxPerWeek;
        var capped = claimed.Where(d => notifications.TryGetValue(d.NotificationId, out var n) && n.Kind != NotificationKind.FinalResults)
            .Select(d => d.ParticipantId).ToList();
        var recent = cap == 0 || capped.Count == 0
            ? new Dictionary<string, int>()
            : await store.CountCappedSendsSinceAsync(capped, now - CapWindow, cancellationToken);

        // Participants (with subscriptions) and conversation references of the whole batch in one read.
        var recipients = await store.GetRecipientsAsync(claimed.Where(d => notifications.ContainsKey(d.NotificationId)).ToList(), cancellationToken);

        // What the personal messages (results, interim reports) need of every recipient, read once for the batch.
        var prepared = await services.GetRequiredService<INotificationComposer>()
            .PrepareAsync(notifications.Values.ToList(), recipients.Participants.Values.ToList(), cancellationToken);
        var withdrawals = new WithdrawalWatch(scopes, [.. notifications.Values], timeProvider, options.Value.WithdrawalCheckInterval, logger);
        return new DispatchBatch(notifications, new FrequencyBudget(recent, cap), recipients, prepared, withdrawals);
    }

    /// <summary>
    /// Marks notifications whose deliveries all reached a final state <see cref="NotificationStatus.Completed"/> (or
    /// <see cref="NotificationStatus.Cancelled"/> when staff withdrew them) and sends the publisher the final report.
    /// </summary>
    private async Task CompleteFinishedNotificationsAsync(IReadOnlyCollection<string> notificationIds, CancellationToken cancellationToken)
    {
        if (notificationIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        foreach (var notificationId in notificationIds)
        {
            var progress = await store.GetDeliveryProgressAsync(notificationId, cancellationToken);
            if (!progress.IsComplete)
            {
                continue;
            }

            try
            {
                var current = await store.GetAsync(notificationId, cancellationToken);
                if (current is { Status: NotificationStatus.Queued or NotificationStatus.Cancelling })
                {
                    var final = current.Status == NotificationStatus.Queued ? NotificationStatus.Completed : NotificationStatus.Cancelled;
                    await store.SaveAsync(current with { Status = final }, cancellationToken);
                    LogCompleted(logger, notificationId, final, progress.Sent, progress.Total, progress.Failed, progress.Unreachable, progress.Withdrawn, progress.Skipped);
                    await ReportToPublisherAsync(scope.ServiceProvider, notificationId, cancellationToken);
                }
            }
            catch (ConcurrencyConflictException)
            {
                // Changed meanwhile (another instance completed it, or staff cancelled it).
            }
        }
    }

    /// <summary>The final delivery report card to whoever published it from a chat (once; a failure only logs).</summary>
    private async Task ReportToPublisherAsync(IServiceProvider services, string notificationId, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IDeliveryReportNotifier>().NotificationCompletedAsync(notificationId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReportFailed(logger, ex, notificationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The final delivery report of notification {NotificationId} could not be sent to its publisher")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proactive dispatcher {Owner} started (concurrency {Concurrency}, batches of {BatchSize})")]
    private static partial void LogStarted(ILogger logger, string owner, int concurrency, int batchSize);

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch batch failed; its deliveries are claimed again when their lease expires")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} failed unexpectedly; it is claimed again when its lease expires")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proactive dispatcher {Owner} stopped and released {Count} leases")]
    private static partial void LogReleased(ILogger logger, string owner, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proactive dispatcher {Owner} could not release its leases; they expire on their own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} {Status}: {Sent} / {Total} sent, {Failed} failed, {Unreachable} unreachable, {Withdrawn} withdrawn, {Skipped} skipped in all")]
    private static partial void LogCompleted(ILogger logger, string notificationId, NotificationStatus status, int sent, int total, int failed, int unreachable, int withdrawn, int skipped);
}
