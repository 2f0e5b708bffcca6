using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// Knows who is talking: finds the participant by channel identity or stores a new one on first contact,
/// and stores the conversation reference (for proactive messages) the first time a conversation is seen.
/// </summary>
public sealed class ParticipantRegistry(
    IParticipantStore participants,
    IConversationReferenceStore references,
    IStorageUnitOfWork unitOfWork,
    KnownConversationReferences knownReferences,
    TimeProvider timeProvider)
{
    /// <summary>The participant who sent <paramref name="activity"/>, stored if new.</summary>
    public async Task<ParticipantIdentity> EnsureAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelId = activity.ChannelId ?? "unknown";
        var userId = activity.From?.Id ?? "anonymous";
        var participant = await participants.FindIdentityAsync(channelId, userId, cancellationToken);
        if (participant is null)
        {
            if (await TryRegisterAsync(activity, channelId, userId, cancellationToken) is { } registered)
            {
                return registered;
            }

            // Another turn of the same user stored it first (or the conversation's reference is taken): the slow way.
            participant = await participants.FindIdentityAsync(channelId, userId, cancellationToken)
                ?? await SaveParticipantAsync(activity, channelId, userId, cancellationToken);
        }

        await EnsureReferenceAsync(activity, participant, cancellationToken);
        return participant;
    }

    /// <summary>First contact: the participant and the conversation reference in one write transaction; null on a conflict.</summary>
    private async Task<ParticipantIdentity?> TryRegisterAsync(Activity activity, string channelId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await unitOfWork.BeginAsync(cancellationToken);
            var stored = await participants.SaveAsync(NewParticipant(activity, channelId, userId), cancellationToken);
            var identity = new ParticipantIdentity(stored.Id, channelId, userId, stored.PreferredLanguage);
            var reference = NewReference(activity, identity);
            if (reference is not null)
            {
                await references.SaveAsync(reference, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (reference is not null)
            {
                knownReferences.Add(reference.Id, identity.Id);
            }

            return identity;
        }
        catch (ConcurrencyConflictException)
        {
            return null; // rolled back
        }
    }

    private async Task<ParticipantIdentity> SaveParticipantAsync(Activity activity, string channelId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await participants.SaveAsync(NewParticipant(activity, channelId, userId), cancellationToken);
            return new ParticipantIdentity(stored.Id, channelId, userId, stored.PreferredLanguage);
        }
        catch (ConcurrencyConflictException)
        {
            return await participants.FindIdentityAsync(channelId, userId, cancellationToken)
                ?? throw new InvalidOperationException("The participant could not be stored nor found.");
        }
    }

    private Participant NewParticipant(Activity activity, string channelId, string userId)
    {
        var now = timeProvider.GetUtcNow();
        return new Participant { Id = Ids.New(now), ChannelId = channelId, UserId = userId, AadObjectId = activity.From?.AadObjectId, CreatedAt = now };
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
            };

    private async Task EnsureReferenceAsync(Activity activity, ParticipantIdentity participant, CancellationToken cancellationToken)
    {
        if (NewReference(activity, participant) is not { } reference || knownReferences.Contains(reference.Id, participant.Id))
        {
            return;
        }

        if (await references.GetAsync(reference.Id, cancellationToken) is { } existing && existing.ParticipantId == participant.Id)
        {
            knownReferences.Add(reference.Id, participant.Id);
            return;
        }

        try
        {
            await references.SaveAsync(reference, cancellationToken);
            knownReferences.Add(reference.Id, participant.Id);
        }
        catch (ConcurrencyConflictException)
        {
            // Stored by a concurrent turn of the same conversation: nothing to do.
        }
    }
}
