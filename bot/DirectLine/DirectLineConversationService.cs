using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// What happens to activities in an embedded Direct Line conversation: user activities are stamped the way the
/// real Direct Line does, stored, echoed on the stream and handed to the bot; the bot's activities (arriving on
/// the Connector v3 routes) are stamped, stored and streamed. The bot is told about members with a
/// <c>conversationUpdate</c> (bot + user) as soon as the user is known.
/// </summary>
internal sealed class DirectLineConversationService
{
    private readonly DirectLineConversationStore _store;
    private readonly DirectLineTurnDispatcher _dispatcher;
    private readonly DirectLineServiceUrl _serviceUrl;
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<DirectLineOptions> _options;

    public DirectLineConversationService(
        DirectLineConversationStore store,
        DirectLineTurnDispatcher dispatcher,
        DirectLineServiceUrl serviceUrl,
        TimeProvider timeProvider,
        IOptions<DirectLineOptions> options)
    {
        _store = store;
        _dispatcher = dispatcher;
        _serviceUrl = serviceUrl;
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>The bot's account in Direct Line conversations.</summary>
    public ChannelAccount BotAccount => new() { Id = _options.Value.BotId, Name = _options.Value.BotName, Role = RoleTypes.Bot };

    /// <summary>Starts (or finds) a conversation; a new one with a known user greets the bot with membersAdded.</summary>
    public DirectLineStartResult Start(string conversationId, string? userId, string? locale)
    {
        var result = _store.Start(conversationId);
        if (result is { Created: true, Conversation: { } conversation })
        {
            conversation.Locale = locale;
            if (userId is not null && conversation.AddUser(new ChannelAccount { Id = userId }))
            {
                _dispatcher.Dispatch([CreateMembersAdded(conversation, conversation.User!)], _serviceUrl.Value);
            }
        }

        return result;
    }

    /// <summary>Stamps, stores, echoes and dispatches a user's activity; returns its id (null: the conversation just expired).</summary>
    public string? PostFromUser(DirectLineConversation conversation, Activity activity, string? tokenUserId)
    {
        var serviceUrl = _serviceUrl.Value;
        var from = activity.From!;
        if (tokenUserId is not null)
        {
            // A token bound to a user speaks for that user only, whatever the client wrote.
            from.Id = tokenUserId;
        }

        from.Role = RoleTypes.User; // a client never speaks as the bot
        activity.CallerId = null;
        activity.Timestamp = _timeProvider.GetUtcNow();
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = BotAccount;
        activity.Locale ??= conversation.Locale;

        var turn = new List<Activity>(2);
        if (conversation.AddUser(from))
        {
            conversation.Locale ??= activity.Locale;
            turn.Add(CreateMembersAdded(conversation, new ChannelAccount { Id = from.Id, Name = from.Name, Role = RoleTypes.User }));
        }

        if (conversation.Append(activity) is not { } id)
        {
            return null;
        }

        turn.Add(Clone(activity));
        _dispatcher.Dispatch(turn, serviceUrl);
        return id;
    }

    /// <summary>Stamps, stores and streams an activity the bot sent through the connector routes; returns its id (null: expired).</summary>
    public string? PostFromBot(DirectLineConversation conversation, Activity activity, string? replyToId)
    {
        PrepareBotActivity(conversation, activity, replyToId);
        return conversation.Append(activity);
    }

    /// <summary>Replaces an activity the bot sent earlier; false when the id is unknown.</summary>
    public bool UpdateFromBot(DirectLineConversation conversation, string activityId, Activity activity)
    {
        PrepareBotActivity(conversation, activity, activity.ReplyToId);
        return conversation.Replace(activityId, activity);
    }

    /// <summary>The members of the conversation: the bot and, once known, the user.</summary>
    public List<ChannelAccount> GetMembers(DirectLineConversation conversation)
    {
        var members = new List<ChannelAccount> { BotAccount };
        if (conversation.User is { } user)
        {
            members.Add(new ChannelAccount { Id = user.Id, Name = user.Name, Role = RoleTypes.User });
        }

        return members;
    }

    private void PrepareBotActivity(DirectLineConversation conversation, Activity activity, string? replyToId)
    {
        var bot = BotAccount;
        if (activity.From is null || string.IsNullOrEmpty(activity.From.Id))
        {
            activity.From = bot;
        }

        activity.From.Role ??= RoleTypes.Bot;
        activity.From.Name ??= bot.Name;
        activity.Recipient ??= conversation.User is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name, Role = RoleTypes.User } : null;
        activity.Timestamp = _timeProvider.GetUtcNow();
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = _serviceUrl.Value;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        if (replyToId is not null)
        {
            activity.ReplyToId = replyToId;
        }
    }

    private Activity CreateMembersAdded(DirectLineConversation conversation, ChannelAccount user) => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = conversation.Id + "|members-" + user.Id,
        Timestamp = _timeProvider.GetUtcNow(),
        ChannelId = Channels.DirectLine,
        ServiceUrl = _serviceUrl.Value,
        Conversation = new ConversationAccount { Id = conversation.Id },
        From = new ChannelAccount { Id = user.Id, Name = user.Name, Role = RoleTypes.User },
        Recipient = BotAccount,
        MembersAdded = [BotAccount, new ChannelAccount { Id = user.Id, Name = user.Name, Role = RoleTypes.User }],
        Locale = conversation.Locale,
    };

    /// <summary>The processor gets its own copy so it can never change the stored (and streamed) activity.</summary>
    private static Activity Clone(Activity activity) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(activity, BotJsonContext.Default.Activity), BotJsonContext.Default.Activity)!;
}
