using System.Globalization;
using System.Security.Claims;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Turns;

/// <summary>
/// Everything one turn needs: the inbound activity, who sent it (validated claims), the resolved language,
/// a bag of per-turn state, and the ways to answer (send, update, delete) — which go out through the
/// connector client, or are collected when the channel asked for <c>expectReplies</c>.
/// </summary>
public sealed class TurnContext
{
    private readonly IConnectorClient _connector;
    private readonly List<Activity>? _bufferedReplies;
    private readonly List<Func<IReadOnlyList<Activity>, CancellationToken, Task>> _onSendHandlers = [];

    public TurnContext(Activity activity, ClaimsIdentity identity, IConnectorClient connector, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(connector);
        Activity = activity;
        Identity = identity;
        _connector = connector;
        Services = services ?? EmptyServiceProvider.Instance;
        if (string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase))
        {
            _bufferedReplies = [];
        }
    }

    /// <summary>The inbound activity (text already cleaned of the bot's own Teams mention).</summary>
    public Activity Activity { get; }

    /// <summary>Claims of the caller's validated token (anonymous in local mode).</summary>
    public ClaimsIdentity Identity { get; }

    /// <summary>The turn's own DI scope (stores and other scoped services live as long as the turn).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The conversation language for this turn: <c>fr</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Culture for formatting dates and numbers in replies (fr-CA or en-CA).</summary>
    public CultureInfo Culture => CultureInfo.GetCultureInfo(Language == "fr" ? "fr-CA" : "en-CA");

    /// <summary>Per-turn values shared between middleware and handlers.</summary>
    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>True once the bot has sent at least one visible (non-typing) activity in this turn.</summary>
    public bool Responded { get; private set; }

    /// <summary>The response to return to an <c>invoke</c> activity; null means "not handled" (HTTP 501).</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Replies collected for <c>deliveryMode: expectReplies</c> (null for normal delivery).</summary>
    public IReadOnlyList<Activity>? BufferedReplies => _bufferedReplies;

    /// <summary>
    /// Registers a hook that runs before activities are sent (used e.g. by the typing indicator).
    /// Dispose the returned registration when the hook's owner is done with the turn.
    /// </summary>
    public IDisposable OnSendActivities(Func<IReadOnlyList<Activity>, CancellationToken, Task> handler)
    {
        lock (_onSendHandlers)
        {
            _onSendHandlers.Add(handler);
        }

        return new HookRegistration(this, handler);
    }

    /// <summary>Sends a plain text message in reply to the inbound activity.</summary>
    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken)
    {
        var reply = Activity.CreateReply(text);
        return SendActivityAsync(reply, cancellationToken);
    }

    /// <summary>Sends one activity; missing addressing fields are filled from the inbound conversation.</summary>
    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken);
        return responses[0];
    }

    /// <summary>Sends activities in order; missing addressing fields are filled from the inbound conversation.</summary>
    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        foreach (var activity in activities)
        {
            ApplyConversationAddress(activity);
        }

        Func<IReadOnlyList<Activity>, CancellationToken, Task>[] hooks;
        lock (_onSendHandlers)
        {
            hooks = [.. _onSendHandlers];
        }

        foreach (var hook in hooks)
        {
            await hook(activities, cancellationToken);
        }

        var responses = new List<ResourceResponse>(activities.Count);
        foreach (var activity in activities)
        {
            if (!activity.IsType(ActivityTypes.Typing) && !activity.IsType(ActivityTypes.Trace))
            {
                Responded = true;
            }

            if (_bufferedReplies is not null)
            {
                if (!activity.IsType(ActivityTypes.Typing))
                {
                    _bufferedReplies.Add(activity);
                }

                responses.Add(new ResourceResponse(activity.Id ?? string.Empty));
                continue;
            }

            responses.Add(await SendThroughConnectorAsync(activity, cancellationToken));
        }

        return responses;
    }

    /// <summary>Replaces a message the bot sent earlier in this conversation.</summary>
    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ApplyConversationAddress(activity);
        var activityId = activity.Id ?? throw new ArgumentException("The activity to update needs its id.", nameof(activity));
        return _connector.UpdateActivityAsync(ServiceUrl, ConversationId, activityId, activity, cancellationToken);
    }

    /// <summary>Deletes a message the bot sent earlier in this conversation.</summary>
    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken) =>
        _connector.DeleteActivityAsync(ServiceUrl, ConversationId, activityId, cancellationToken);

    private string ServiceUrl => Activity.ServiceUrl ?? throw new InvalidOperationException("The inbound activity has no serviceUrl.");

    private string ConversationId => Activity.Conversation?.Id ?? throw new InvalidOperationException("The inbound activity has no conversation id.");

    private Task<ResourceResponse> SendThroughConnectorAsync(Activity activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity.ServiceUrl ?? ServiceUrl;
        var conversationId = activity.Conversation?.Id ?? ConversationId;
        return string.IsNullOrEmpty(activity.ReplyToId)
            ? _connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken)
            : _connector.ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken);
    }

    private void ApplyConversationAddress(Activity activity)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId ??= Activity.ChannelId;
        activity.ServiceUrl ??= Activity.ServiceUrl;
        activity.Conversation ??= Activity.Conversation;
        activity.From ??= Activity.Recipient is null ? null : new ChannelAccount { Id = Activity.Recipient.Id, Name = Activity.Recipient.Name };
        activity.Recipient ??= Activity.From is null ? null : new ChannelAccount { Id = Activity.From.Id, Name = Activity.From.Name, AadObjectId = Activity.From.AadObjectId };
        activity.Locale ??= Activity.Locale;
        if (activity.ReplyToId is null && !activity.IsType(ActivityTypes.Typing) && Activity.Id is not null && !Activity.IsType(ActivityTypes.Event))
        {
            activity.ReplyToId = Activity.Id;
        }
    }

    private sealed class HookRegistration(TurnContext turn, Func<IReadOnlyList<Activity>, CancellationToken, Task> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (turn._onSendHandlers)
            {
                turn._onSendHandlers.Remove(handler);
            }
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
