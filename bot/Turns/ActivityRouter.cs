using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Turns;

/// <summary>A route handler: what the bot does for one kind of activity.</summary>
public delegate Task TurnHandler(TurnContext turn, CancellationToken cancellationToken);

/// <summary>
/// Route-style dispatch of activities to handlers, in the manner of the Microsoft 365 Agents SDK:
/// <c>OnMessage</c>, <c>OnConversationUpdate</c>, <c>OnInstallationUpdate</c>, <c>OnInvoke(name)</c>,
/// <c>OnEvent(name)</c>. The first matching route wins; an activity no route matches is ignored
/// (an unmatched invoke leaves no invoke response, which the endpoint turns into HTTP 501).
/// The bot's application class derives from this and declares its routes in its constructor.
/// </summary>
public abstract class ActivityRouter
{
    private readonly List<(Func<Activity, bool> Matches, TurnHandler Handler)> _routes = [];

    /// <summary>Routes message activities.</summary>
    protected void OnMessage(TurnHandler handler) => OnActivity(ActivityTypes.Message, handler);

    /// <summary>Routes conversationUpdate activities (members added/removed, conversation renamed…).</summary>
    protected void OnConversationUpdate(TurnHandler handler) => OnActivity(ActivityTypes.ConversationUpdate, handler);

    /// <summary>Routes installationUpdate activities (the app was added to or removed from a scope).</summary>
    protected void OnInstallationUpdate(TurnHandler handler) => OnActivity(ActivityTypes.InstallationUpdate, handler);

    /// <summary>Routes invoke activities with the given name (e.g. <c>adaptiveCard/action</c>).</summary>
    protected void OnInvoke(string name, TurnHandler handler) =>
        Route(a => a.IsType(ActivityTypes.Invoke) && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase), handler);

    /// <summary>Routes event activities with the given name.</summary>
    protected void OnEvent(string name, TurnHandler handler) =>
        Route(a => a.IsType(ActivityTypes.Event) && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase), handler);

    /// <summary>Routes every activity of a type.</summary>
    protected void OnActivity(string type, TurnHandler handler) => Route(a => a.IsType(type), handler);

    /// <summary>Routes by any condition.</summary>
    protected void Route(Func<Activity, bool> matches, TurnHandler handler) => _routes.Add((matches, handler));

    /// <summary>Runs the first handler whose route matches the turn's activity.</summary>
    public Task RouteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        foreach (var (matches, handler) in _routes)
        {
            if (matches(turn.Activity))
            {
                return handler(turn, cancellationToken);
            }
        }

        return Task.CompletedTask;
    }
}
