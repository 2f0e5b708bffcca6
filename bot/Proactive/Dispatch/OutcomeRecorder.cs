using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// Records delivery outcomes by group commit: <see cref="RecordAsync"/> returns once the outcome is written, and one
/// write transaction takes every outcome that arrived while the previous one was being written. A worker therefore
/// starts its next send only after the outcome of its last one is stored, so a crash can leave at most one sent but
/// unrecorded message per worker (<see cref="DispatchOptions.Concurrency"/> in all), without a transaction per message
/// under load.
/// </summary>
internal sealed partial class OutcomeRecorder(IServiceScopeFactory scopes, string owner, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private List<Delivery> _pending = [];

    /// <summary>Writes the outcome, together with any others waiting; returns when it is stored.</summary>
    /// <exception cref="Exception">The store failed three times; the outcome stays queued for the next writer.</exception>
    public async Task RecordAsync(Delivery outcome, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pending.Add(outcome);
        }

        // Whoever holds the writer next writes everything queued, this outcome included; a caller that finds the
        // queue empty once it gets the writer knows its outcome went out with an earlier group.
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await WritePendingAsync(cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task WritePendingAsync(CancellationToken cancellationToken)
    {
        List<Delivery> group;
        lock (_gate)
        {
            group = _pending;
            _pending = [];
        }

        if (group.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
                var written = await store.CompleteDeliveriesAsync(owner, group, cancellationToken);
                if (written < group.Count)
                {
                    LogLostLeases(logger, group.Count - written);
                }

                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
            {
                LogWriteRetry(logger, ex, group.Count);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
            catch
            {
                // Not written: put the group back so that the next writer tries again (the leases still hold).
                lock (_gate)
                {
                    group.AddRange(_pending);
                    _pending = group;
                }

                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} delivery outcomes were not recorded: their lease had expired and passed to another dispatcher")]
    private static partial void LogLostLeases(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} delivery outcomes failed; retrying")]
    private static partial void LogWriteRetry(ILogger logger, Exception exception, int count);
}
