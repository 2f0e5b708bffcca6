namespace EngagementBot.Bot.Turns;

/// <summary>The rest of the pipeline after a middleware.</summary>
public delegate Task NextTurnDelegate(CancellationToken cancellationToken);

/// <summary>
/// A step of the turn pipeline. Middleware run in registration order (onion style): each may act before
/// and after <c>next</c>, or end the turn by not calling it.
/// </summary>
public interface ITurnMiddleware
{
    Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken);
}
