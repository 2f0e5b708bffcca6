using System.Security.Claims;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Turns;

/// <summary>
/// Runs the turn pipeline for one authenticated activity and decides what the HTTP caller gets back.
/// Normal activities: the caller waits for the turn (HTTP 200) unless it runs longer than
/// <see cref="TurnOptions.AcknowledgeAfter"/>, in which case the caller gets 202 at once and the turn
/// finishes in the background. Invokes and <c>expectReplies</c> always wait, since their answer is the
/// HTTP response.
/// </summary>
public sealed class ActivityProcessor(
    TurnPipeline pipeline,
    IServiceScopeFactory scopeFactory,
    IConnectorClient connector,
    BackgroundTurnTracker tracker,
    TimeProvider timeProvider,
    IOptions<TurnOptions> options) : IActivityProcessor
{
    private readonly TurnOptions _options = options.Value;

    public async Task<TurnOutcome> ProcessAsync(Activity activity, ClaimsIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var scope = scopeFactory.CreateAsyncScope();
        var turn = new TurnContext(activity, identity, connector, scope.ServiceProvider);

        // The turn belongs to the application, not to the HTTP request: a channel that hangs up after our
        // acknowledgement must not cancel the replies still on their way.
        var turnTask = RunInScopeAsync(turn, scope);

        if (activity.IsType(ActivityTypes.Invoke))
        {
            return await CompleteInvokeAsync(turn, turnTask, cancellationToken);
        }

        if (turn.BufferedReplies is not null)
        {
            await turnTask.WaitAsync(cancellationToken);
            return new TurnOutcome(null, new ExpectedReplies { Activities = [.. turn.BufferedReplies] }, false);
        }

        // WaitAsync drops its timer as soon as the turn ends: a Task.Delay left to run out would keep one timer per
        // turn alive for AcknowledgeAfter (12,000 of them at 3,000 turns/s, each surviving into older GC generations).
        try
        {
            await turnTask.WaitAsync(_options.AcknowledgeAfter, timeProvider, cancellationToken);
            return TurnOutcome.Completed;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException && !turnTask.IsFaulted && !turnTask.IsCanceled)
        {
            // The deadline passed (or the channel hung up) first: acknowledge now, the turn finishes in the background.
            tracker.Track(turnTask);
            return TurnOutcome.Accepted;
        }
    }

    private async Task RunInScopeAsync(TurnContext turn, AsyncServiceScope scope)
    {
        await using (scope)
        {
            // Not ApplicationStopping: a graceful shutdown lets the turns under way finish (up to
            // Operations:ShutdownTimeout); only then are the ones still running cancelled.
            await pipeline.RunAsync(turn, tracker.TurnsAbandoned);
        }
    }

    private async Task<TurnOutcome> CompleteInvokeAsync(TurnContext turn, Task turnTask, CancellationToken cancellationToken)
    {
        try
        {
            await turnTask.WaitAsync(_options.InvokeTimeout, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            tracker.Track(turnTask);
            var error = JsonSerializer.SerializeToElement(
                new ErrorResponse { Error = new Error { Code = "InvokeTimeout", Message = "The bot took too long to answer this action." } },
                BotJsonContext.Default.ErrorResponse);
            return new TurnOutcome(new InvokeResponse(StatusCodes.Status500InternalServerError, error), null, false);
        }

        return new TurnOutcome(turn.InvokeResponse, null, false);
    }
}
