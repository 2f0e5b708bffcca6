namespace EngagementBot.Bot.Turns;

/// <summary>
/// The registered <see cref="ITurnMiddleware"/>s in order, ending with the <see cref="ActivityRouter"/>
/// that hands the activity to its route handler.
/// </summary>
public sealed class TurnPipeline(IEnumerable<ITurnMiddleware> middleware, ActivityRouter router)
{
    private readonly ITurnMiddleware[] _middleware = [.. middleware];

    public Task RunAsync(TurnContext turn, CancellationToken cancellationToken) => RunFromAsync(0, turn, cancellationToken);

    private Task RunFromAsync(int index, TurnContext turn, CancellationToken cancellationToken)
    {
        if (index == _middleware.Length)
        {
            return router.RouteAsync(turn, cancellationToken);
        }

        return _middleware[index].OnTurnAsync(turn, ct => RunFromAsync(index + 1, turn, ct), cancellationToken);
    }
}
