using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>Forgets idle Direct Line conversations once a minute (on the injected <see cref="TimeProvider"/>).</summary>
internal sealed partial class DirectLineExpirySweeper : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private readonly DirectLineConversationStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<DirectLineOptions> _options;
    private readonly ILogger<DirectLineExpirySweeper> _logger;

    public DirectLineExpirySweeper(DirectLineConversationStore store, TimeProvider timeProvider, IOptions<DirectLineOptions> options, ILogger<DirectLineExpirySweeper> logger)
    {
        _store = store;
        _timeProvider = timeProvider;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Value.IsEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var removed = _store.RemoveExpired();
                if (removed > 0)
                {
                    LogSwept(removed, _store.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line: forgot {Removed} idle conversations; {Remaining} remain")]
    private partial void LogSwept(int removed, int remaining);
}
