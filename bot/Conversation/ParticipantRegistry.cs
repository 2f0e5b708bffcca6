using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Rendering;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// Knows who is talking. A stored participant is found by channel identity, and the conversation reference (for
/// proactive messages) is stored the first time their conversation is seen, with the client it is seen through
/// (<see cref="ChannelClients"/>: Web Chat or another Direct Line app) and the time zone the client reports, updated
/// when either changes, so a message sent later renders as the conversation's replies do and respects the
/// participant's own quiet hours. Someone the store does not know is a
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
        var reference = NewReference(activity, identity);
        return (identity, new Newcomer(newcomer, reference is null ? null : reference with { TimeZone = ReportedTimeZone.Valid(reference.TimeZone) }));
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
                TimeZone = activity.LocalTimezone, // as reported; checked before it is written (ReportedTimeZone)
            };

    private async Task EnsureReferenceAsync(Activity activity, ParticipantIdentity participant, CancellationToken cancellationToken)
    {
        if (NewReference(activity, participant) is not { } reported || knownReferences.Contains(reported))
        {
            return;
        }

        var existing = await references.GetAsync(reported.Id, cancellationToken);
        var same = existing is not null && existing.ParticipantId == participant.Id;
        var zone = ReportedTimeZone.Valid(reported.TimeZone) ?? (same ? existing!.TimeZone : null); // a client that says nothing keeps the known zone
        if (same && existing!.Client == reported.Client && existing.TimeZone == zone)
        {
            knownReferences.Add(reported);
            return;
        }

        try
        {
            // New, or another participant's (after an erasure), or seen through another client or from another time
            // zone: written whole.
            await references.SaveAsync(reported with { TimeZone = zone, ETag = existing?.ETag }, cancellationToken);
            knownReferences.Add(reported);
        }
        catch (ConcurrencyConflictException)
        {
            // Stored by a concurrent turn of the same conversation: nothing to do.
        }
    }
}
