using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// Group commit of delivery outcomes: outcomes are written in one transaction as soon as
/// <see cref="DispatchOptions.CompletionFlushSize"/> have gathered (and at the end of each batch). This bounds what a
/// crash can leave sent but unrecorded, without one transaction per message.
/// </summary>
internal sealed partial class OutcomeBuffer(
    IServiceScopeFactory scopes, string owner, int flushSize, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private List<Delivery> _pending = [];

    /// <summary>Outcomes written so far.</summary>
    public int Written { get; private set; }

    /// <summary>Adds an outcome; writes the gathered ones when there are enough.</summary>
    public async Task AddAsync(Delivery outcome, CancellationToken cancellationToken)
    {
        bool flush;
        lock (_gate)
        {
            _pending.Add(outcome);
            flush = _pending.Count >= flushSize;
        }

        if (flush)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes every gathered outcome.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            List<Delivery> batch;
            lock (_gate)
            {
                batch = _pending;
                _pending = [];
            }

            if (batch.Count == 0)
            {
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
                    var written = await store.CompleteDeliveriesAsync(owner, batch, cancellationToken);
                    Written += written;
                    if (written < batch.Count)
                    {
                        LogLostLeases(logger, batch.Count - written);
                    }

                    return;
                }
                catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
                {
                    LogWriteRetry(logger, ex, batch.Count);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} delivery outcomes were not recorded: their lease had expired and passed to another dispatcher")]
    private static partial void LogLostLeases(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} delivery outcomes failed; retrying")]
    private static partial void LogWriteRetry(ILogger logger, Exception exception, int count);
}
