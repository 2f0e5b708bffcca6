using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Rendering;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Proactive;

/// <summary>
/// Proactive sends through the Connector REST API: loads the stored conversation reference, renders the replies
/// for its channel and client, posts them to the conversation, and keeps the reference's reachability up to date.
/// </summary>
public sealed partial class ProactiveMessenger(
    IConversationReferenceStore references,
    IConnectorClient connector,
    ITrustedServiceUrls trustedServiceUrls,
    TimeProvider timeProvider,
    ILogger<ProactiveMessenger> logger) : IProactiveMessenger
{
    /// <inheritdoc />
    public async Task<ProactiveSendOutcome> SendAsync(string conversationReferenceId, IReadOnlyList<DialogReply> replies, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationReferenceId);
        ArgumentNullException.ThrowIfNull(replies);
        var reference = await references.GetAsync(conversationReferenceId, cancellationToken);
        return reference is null
            ? ProactiveSendOutcome.UnknownConversation
            : await SendAsync(reference, replies, language, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ProactiveSendOutcome> SendAsync(ConversationReferenceRecord reference, IReadOnlyList<DialogReply> replies, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(replies);
        var serviceUrl = reference.ServiceUrl.ToString();

        // A stored reference was learned from an authenticated activity: its service URL may carry our token.
        trustedServiceUrls.Trust(serviceUrl);
        var activities = ReplyRenderer.Render(replies, ChannelProfile.For(reference), language);
        try
        {
            foreach (var activity in activities)
            {
                Address(activity, reference, language);
                await connector.SendToConversationAsync(serviceUrl, reference.ConversationId, activity, cancellationToken);
            }
        }
        catch (RecipientUnreachableException)
        {
            LogUnreachable(logger, reference.ChannelId, reference.Id);
            await MarkAsync(reference, Reachability.Unreachable, cancellationToken);
            return ProactiveSendOutcome.Unreachable;
        }

        if (reference.Reachability != Reachability.Reachable)
        {
            await MarkAsync(reference, Reachability.Reachable, cancellationToken);
        }

        return ProactiveSendOutcome.Sent;
    }

    private static void Address(Activity activity, ConversationReferenceRecord reference, string language)
    {
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl.ToString();
        activity.Conversation = new ConversationAccount { Id = reference.ConversationId, ConversationType = reference.ConversationType, TenantId = reference.TenantId };
        activity.From = new ChannelAccount { Id = reference.BotId };
        activity.Recipient = new ChannelAccount { Id = reference.UserId, AadObjectId = reference.AadObjectId };
        activity.Locale ??= language == "fr" ? "fr-CA" : "en-CA";
    }

    private async Task MarkAsync(ConversationReferenceRecord reference, Reachability reachability, CancellationToken cancellationToken)
    {
        try
        {
            await references.SaveAsync(reference with { Reachability = reachability, LastConfirmedAt = reachability == Reachability.Reachable ? timeProvider.GetUtcNow() : reference.LastConfirmedAt }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Changed meanwhile (a new incoming activity): the newer record wins.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Proactive send to {ChannelId} conversation reference {ReferenceId}: the recipient blocked or removed the bot; marked unreachable")]
    private static partial void LogUnreachable(ILogger logger, string channelId, string referenceId);
}
