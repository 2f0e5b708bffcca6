using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Turns.Middleware;

/// <summary>
/// When a message turn has not answered after <see cref="TurnOptions.TypingDelay"/>, shows the user a
/// typing indicator, repeated every <see cref="TurnOptions.TypingPeriod"/> until the first reply or the
/// end of the turn. Quick turns never send one, so they cost nothing.
/// </summary>
public sealed partial class TypingIndicatorMiddleware(IOptions<TurnOptions> options, TimeProvider timeProvider, ILogger<TypingIndicatorMiddleware> logger) : ITurnMiddleware
{
    private readonly TurnOptions _options = options.Value;

    public async Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message) || turn.BufferedReplies is not null)
        {
            await next(cancellationToken);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var hook = turn.OnSendActivities((activities, _) =>
        {
            if (activities.Any(a => !a.IsType(ActivityTypes.Typing)))
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        });

        var typing = ShowTypingAsync(turn, stop.Token);
        try
        {
            await next(cancellationToken);
        }
        finally
        {
            hook.Dispose();
            await stop.CancelAsync();
            await typing;
        }
    }

    private async Task ShowTypingAsync(TurnContext turn, CancellationToken stop)
    {
        try
        {
            // Most turns reply before the delay: waiting without throwing keeps them free of an exception each.
            await Task.Delay(_options.TypingDelay, timeProvider, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            while (!stop.IsCancellationRequested)
            {
                var typing = new Activity { Type = ActivityTypes.Typing, RelatesTo = null };
                await turn.SendActivityAsync(typing, stop);
                await Task.Delay(_options.TypingPeriod, timeProvider, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException)
        {
            // The turn replied or ended.
        }
        catch (Exception exception)
        {
            LogTypingFailed(exception, turn.Activity.ChannelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send a typing indicator on channel {ChannelId}")]
    private partial void LogTypingFailed(Exception exception, string? channelId);
}
