using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// Runs <see cref="EventReminderScheduler"/> every <see cref="PublishingOptions.ReminderScanInterval"/> (when
/// <see cref="PublishingOptions.RemindersEnabled"/>). Each run is idempotent, so a restart or a second instance is harmless.
/// </summary>
public sealed partial class EventReminderWorker(
    IServiceScopeFactory scopes,
    IOptions<PublishingOptions> options,
    TimeProvider timeProvider,
    ILogger<EventReminderWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RemindersEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ReminderScanInterval, timeProvider);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var added = await scope.ServiceProvider.GetRequiredService<EventReminderScheduler>().RunOnceAsync(stoppingToken);
                if (added > 0)
                {
                    LogQueued(logger, added);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker keeps going: the next scan retries (every run is idempotent).
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event reminders: {Added} deliveries queued")]
    private static partial void LogQueued(ILogger logger, int added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event reminder scan failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
