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
        var created = false;
        if (participant is null)
        {
            var now = timeProvider.GetUtcNow();
            try
            {
                var stored = await participants.SaveAsync(
                    new Participant { Id = Ids.New(now), ChannelId = channelId, UserId = userId, AadObjectId = activity.From?.AadObjectId, CreatedAt = now },
                    cancellationToken);
                participant = new ParticipantIdentity(stored.Id, channelId, userId, stored.PreferredLanguage);
                created = true;
            }
            catch (ConcurrencyConflictException)
            {
                // Another turn of the same user stored it first.
                participant = await participants.FindIdentityAsync(channelId, userId, cancellationToken)
                    ?? throw new InvalidOperationException("The participant could not be stored nor found.");
            }
        }

        await EnsureReferenceAsync(activity, participant, created, cancellationToken);
        return participant;
    }

    private async Task EnsureReferenceAsync(Activity activity, ParticipantIdentity participant, bool newParticipant, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { } conversationId || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            return;
        }

        var id = ConversationReferenceRecord.CreateId(participant.ChannelId, conversationId, participant.UserId);
        if (knownReferences.Contains(id, participant.Id))
        {
            return;
        }

        // A participant stored a moment ago has no reference yet: nothing to read.
        if (!newParticipant && await references.GetAsync(id, cancellationToken) is { } existing && existing.ParticipantId == participant.Id)
        {
            knownReferences.Add(id, participant.Id);
            return;
        }

        try
        {
            await references.SaveAsync(
                new ConversationReferenceRecord
                {
                    Id = id,
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
                },
                cancellationToken);
            knownReferences.Add(id, participant.Id);
        }
        catch (ConcurrencyConflictException)
        {
            // Stored by a concurrent turn of the same conversation: nothing to do.
        }
    }
}
