using System.Security.Claims;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Turns.Middleware;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Turns;

/// <summary>
/// Proactive messages: resumes a conversation from a stored <see cref="ConversationReference"/> and gives
/// the callback a <see cref="TurnContext"/> whose sends go to that conversation through the connector
/// (with a fresh token). Used to deliver staff answers, news and results, and the end of slow turns.
/// </summary>
public sealed class ConversationContinuation(IConnectorClient connector, ITrustedServiceUrls trustedServiceUrls, IServiceScopeFactory scopeFactory, IOptions<TurnOptions> options)
{
    public const string EventName = "ContinueConversation";

    public async Task ContinueConversationAsync(ConversationReference reference, TurnHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(callback);
        if (string.IsNullOrWhiteSpace(reference.ServiceUrl) || string.IsNullOrWhiteSpace(reference.Conversation?.Id) || string.IsNullOrWhiteSpace(reference.ChannelId))
        {
            throw new ArgumentException("A conversation reference needs channelId, serviceUrl and conversation.id.", nameof(reference));
        }

        // A stored reference was learned from an authenticated activity: its service URL may carry our token.
        trustedServiceUrls.Trust(reference.ServiceUrl);
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = EventName,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
        };
        await using var scope = scopeFactory.CreateAsyncScope();
        var turn = new TurnContext(activity, new ClaimsIdentity(), connector, scope.ServiceProvider)
        {
            Language = LocaleMiddleware.LanguageOf(reference.Locale) ?? options.Value.DefaultLanguage,
        };
        await callback(turn, cancellationToken);
    }
}
