using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Rendering;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// Knows who is talking. A stored participant is found by channel identity, and the conversation reference (for
/// proactive messages) is stored the first time their conversation is seen, with the client it is seen through
/// (<see cref="ChannelClients"/>: Web Chat or another Direct Line app), updated when that changes, so a message sent
/// later renders as the conversation's replies do. Someone the store does not know is a
/// <see cref="Newcomer"/>: nothing about them is written until the conversation needs to keep something
/// (<see cref="ParticipantEnrollment"/>), so a greeting or a status question leaves no personal data behind.
/// </summary>
public sealed class ParticipantRegistry(
    IParticipantStore participants,
    IConversationReferenceStore references,
    KnownConversationReferences knownReferences,
    TimeProvider timeProvider)
{
    /// <summary>The sender of <paramref name="activity"/>: their stored identity, or a newcomer with what storing them needs.</summary>
    public async Task<(ParticipantIdentity Identity, Newcomer? Newcomer)> IdentifyAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelId = activity.ChannelId ?? "unknown";
        var userId = activity.From?.Id ?? "anonymous";
        if (await participants.FindIdentityAsync(channelId, userId, cancellationToken) is { } participant)
        {
            await EnsureReferenceAsync(activity, participant, cancellationToken);
            return (participant, null);
        }

        var now = timeProvider.GetUtcNow();
        var newcomer = new Participant { Id = Ids.New(now), ChannelId = channelId, UserId = userId, AadObjectId = activity.From?.AadObjectId, CreatedAt = now };
        var identity = new ParticipantIdentity(newcomer.Id, channelId, userId, null);
        return (identity, new Newcomer(newcomer, NewReference(activity, identity)));
    }

    private ConversationReferenceRecord? NewReference(Activity activity, ParticipantIdentity participant) =>
        activity.Conversation?.Id is not { } conversationId || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            ? null
            : new ConversationReferenceRecord
            {
                Id = ConversationReferenceRecord.CreateId(participant.ChannelId, conversationId, participant.UserId),
                ParticipantId = participant.Id,
                ChannelId = participant.ChannelId,
                ServiceUrl = serviceUrl,
                ConversationId = conversationId,
                ConversationType = activity.Conversation.ConversationType,
                TenantId = activity.Conversation.TenantId,
                UserId = participant.UserId,
                AadObjectId = activity.From?.AadObjectId,
                BotId = activity.Recipient?.Id ?? "bot",
                Locale = activity.Locale,
                LastConfirmedAt = timeProvider.GetUtcNow(),
                Reachability = Reachability.Reachable,
                Client = ChannelClients.Of(activity),
            };

    private async Task EnsureReferenceAsync(Activity activity, ParticipantIdentity participant, CancellationToken cancellationToken)
    {
        if (NewReference(activity, participant) is not { } reference || knownReferences.Contains(reference.Id, participant.Id, reference.Client))
        {
            return;
        }

        var existing = await references.GetAsync(reference.Id, cancellationToken);
        if (existing is not null && existing.ParticipantId == participant.Id && existing.Client == reference.Client)
        {
            knownReferences.Add(reference.Id, participant.Id, reference.Client);
            return;
        }

        try
        {
            // New, or another participant's (after an erasure), or seen through another client: written whole.
            await references.SaveAsync(reference with { ETag = existing?.ETag }, cancellationToken);
            knownReferences.Add(reference.Id, participant.Id, reference.Client);
        }
        catch (ConcurrencyConflictException)
        {
            // Stored by a concurrent turn of the same conversation: nothing to do.
        }
    }
}
