using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Cosmos;

/// <summary>Partition and lookup names of participant-owned documents.</summary>
internal static class ParticipantPartition
{
    /// <summary>The participant's own logical partition: the participant, its conversation references, responses and delivery pointers.</summary>
    public static string Of(string participantId) => "participant|" + participantId;

    /// <summary>Lookup key of a channel identity (unique: creating it claims the identity).</summary>
    public static string AccountLookup(string channelId, string userId) => $"account|{channelId}|{userId}";

    /// <summary>Partition of a project's subscriber index entries.</summary>
    public static string Subscribers(string projectSlug) => "subscribers|" + projectSlug;
}

/// <summary>
/// Participants: the document sits in its own partition (<c>participant|{id}</c>, point read by id). A lookup
/// document per channel identity (<c>account|{channel}|{user}</c>, partition = id) gives FindByChannelAccount in
/// two point reads and enforces uniqueness (409 on create). One small index entry per subscription in partition
/// <c>subscribers|{project}</c> serves the fan-out listing as a single-partition query.
/// Writes: lookup claimed first, then the document (conditional), then index entries (upserts/deletes, idempotent);
/// listings re-check the participant's actual subscriptions, so a stale entry is never returned.
/// </summary>
internal sealed class CosmosParticipantStore(CosmosDatabase database) : IParticipantStore
{
    private const string Kind = "participant";

    /// <inheritdoc />
    public async Task<Participant?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var document = await CosmosItems.ReadAsync(database.Items, ParticipantPartition.Of(id), CosmosItems.ToId(id), cancellationToken);
        return document is null ? null : document.Doc<Participant>() with { ETag = document.ETag };
    }

    /// <inheritdoc />
    public async Task<Participant?> FindByChannelAccountAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var location = await CosmosItems.ResolveAsync(database, ParticipantPartition.AccountLookup(channelId, userId), cancellationToken);
        if (location is null)
        {
            return null;
        }

        var document = await CosmosItems.ReadAsync(database.Items, location.Partition, location.DocumentId, cancellationToken);
        var participant = document?.Doc<Participant>();
        return participant is not null && participant.ChannelId == channelId && participant.UserId == userId ? participant with { ETag = document!.ETag } : null;
    }

    /// <inheritdoc />
    public async Task<Page<Participant>> ListSubscribersAsync(string projectSlug, SubscriptionTopics topic, PageRequest page, CancellationToken cancellationToken)
    {
        var field = topic switch
        {
            SubscriptionTopics.News => "news",
            SubscriptionTopics.Results => "results",
            SubscriptionTopics.Events => "events",
            SubscriptionTopics.Reminders => "reminders",
            _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "List subscribers of exactly one topic."),
        };
        var (entries, token) = await CosmosItems.PageAsync(
            database.Items, ParticipantPartition.Subscribers(projectSlug), "subscriber", page, $"c.{field} = true", [], cancellationToken);
        var participants = await Task.WhenAll(entries.Select(e => GetAsync(e.Field("key")!, cancellationToken)));
        var items = participants
            .Where(p => p is not null && p.Subscriptions.Any(s => s.ProjectSlug == projectSlug && s.Topics.HasFlag(topic)))
            .Select(p => p!)
            .ToList();
        return new Page<Participant>(items, token);
    }

    /// <inheritdoc />
    public async Task<Participant> SaveAsync(Participant participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var partition = ParticipantPartition.Of(participant.Id);
        var id = CosmosItems.ToId(participant.Id);
        var location = new CosmosLocation(partition, id);
        Participant? previous = null;
        if (participant.ETag is not null)
        {
            previous = await GetAsync(participant.Id, cancellationToken);
            if (previous is null || previous.ETag != participant.ETag)
            {
                throw new ConcurrencyConflictException(Kind, participant.Id, participant.ETag);
            }
        }

        var accountKey = ParticipantPartition.AccountLookup(participant.ChannelId, participant.UserId);
        var (owner, _) = await CosmosItems.ClaimLookupAsync(database, accountKey, location, cancellationToken);
        if (owner != location && await OwnerStillExistsAsync(owner, cancellationToken))
        {
            throw new ConcurrencyConflictException(Kind, $"{participant.ChannelId}/{participant.UserId}", participant.ETag);
        }

        if (owner != location)
        {
            await CosmosItems.PutLookupAsync(database, accountKey, location, cancellationToken); // the old owner was erased
        }

        participant = participant with { Subscriptions = [.. participant.Subscriptions.OrderBy(s => s.ProjectSlug, StringComparer.Ordinal)] };
        var body = CosmosItems.Envelope(id, partition, Kind, participant with { ETag = null }, ("key", participant.Id));
        var etag = participant.ETag is null
            ? await CosmosItems.CreateAsync(database.Items, partition, body, Kind, participant.Id, cancellationToken)
            : await CosmosItems.ReplaceAsync(database.Items, partition, id, body, participant.ETag, Kind, participant.Id, cancellationToken);

        if (previous is not null && (previous.ChannelId != participant.ChannelId || previous.UserId != participant.UserId))
        {
            await CosmosItems.RemoveLookupAsync(database, ParticipantPartition.AccountLookup(previous.ChannelId, previous.UserId), cancellationToken);
        }

        await SyncSubscriptionsAsync(participant.Id, previous?.Subscriptions ?? [], participant.Subscriptions, cancellationToken);
        return participant with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        var current = await GetAsync(id, cancellationToken);
        if (current is null)
        {
            return false;
        }

        if (!await CosmosItems.DeleteAsync(database.Items, ParticipantPartition.Of(id), CosmosItems.ToId(id), etag, Kind, id, cancellationToken))
        {
            return false;
        }

        await CosmosItems.RemoveLookupAsync(database, ParticipantPartition.AccountLookup(current.ChannelId, current.UserId), cancellationToken);
        await SyncSubscriptionsAsync(id, current.Subscriptions, [], cancellationToken);
        return true;
    }

    private async Task<bool> OwnerStillExistsAsync(CosmosLocation owner, CancellationToken cancellationToken) =>
        await CosmosItems.ReadAsync(database.Items, owner.Partition, owner.DocumentId, cancellationToken) is not null;

    private async Task SyncSubscriptionsAsync(
        string participantId, IReadOnlyList<Subscription> before, IReadOnlyList<Subscription> after, CancellationToken cancellationToken)
    {
        var id = CosmosItems.ToId(participantId);
        foreach (var removed in before.Where(b => after.All(a => a.ProjectSlug != b.ProjectSlug)))
        {
            await CosmosItems.DeleteAsync(database.Items, ParticipantPartition.Subscribers(removed.ProjectSlug), id, null, "subscriber", participantId, cancellationToken);
        }

        foreach (var subscription in after)
        {
            var partition = ParticipantPartition.Subscribers(subscription.ProjectSlug);
            var body = CosmosItems.Envelope<object>(
                id, partition, "subscriber", null, ("key", participantId), ("participantId", participantId),
                ("news", subscription.Topics.HasFlag(SubscriptionTopics.News)),
                ("results", subscription.Topics.HasFlag(SubscriptionTopics.Results)),
                ("events", subscription.Topics.HasFlag(SubscriptionTopics.Events)),
                ("reminders", subscription.Topics.HasFlag(SubscriptionTopics.Reminders)));
            await CosmosItems.UpsertAsync(database.Items, partition, body, cancellationToken);
        }
    }
}

/// <summary>
/// Conversation references: in the participant's partition (ListByParticipant = one single-partition query),
/// with a lookup <c>reference|{id}</c> → location for Get by id (cached in-process: a reference never moves).
/// </summary>
internal sealed class CosmosConversationReferenceStore(CosmosDatabase database) : IConversationReferenceStore
{
    private const string Kind = "reference";

    /// <inheritdoc />
    public async Task<ConversationReferenceRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var location = await CosmosItems.ResolveAsync(database, Lookup(id), cancellationToken);
        if (location is null)
        {
            return null;
        }

        var document = await CosmosItems.ReadAsync(database.Items, location.Partition, location.DocumentId, cancellationToken);
        return document is null ? null : document.Doc<ConversationReferenceRecord>() with { ETag = document.ETag };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken) =>
        (await CosmosItems.AllAsync(database.Items, ParticipantPartition.Of(participantId), Kind, cancellationToken))
            .Select(d => d.Doc<ConversationReferenceRecord>() with { ETag = d.ETag }).ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListByParticipantsAsync(IReadOnlyCollection<string> participantIds, CancellationToken cancellationToken)
    {
        // No cross-partition query: each participant's partition is read, a bounded number at a time.
        ArgumentNullException.ThrowIfNull(participantIds);
        var references = new System.Collections.Concurrent.ConcurrentBag<ConversationReferenceRecord>();
        await Parallel.ForEachAsync(
            participantIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (participantId, ct) =>
            {
                foreach (var reference in await ListByParticipantAsync(participantId, ct))
                {
                    references.Add(reference);
                }
            });
        return [.. references.OrderBy(r => r.ParticipantId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<ConversationReferenceRecord> SaveAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var partition = ParticipantPartition.Of(reference.ParticipantId);
        var id = CosmosItems.ToId(Kind + "|" + reference.Id);
        var body = CosmosItems.Envelope(id, partition, Kind, reference with { ETag = null }, ("key", reference.Id), ("participantId", reference.ParticipantId));
        string etag;
        if (reference.ETag is null)
        {
            await CosmosItems.PutLookupAsync(database, Lookup(reference.Id), new CosmosLocation(partition, id), cancellationToken);
            etag = await CosmosItems.CreateAsync(database.Items, partition, body, Kind, reference.Id, cancellationToken);
        }
        else
        {
            etag = await CosmosItems.ReplaceAsync(database.Items, partition, id, body, reference.ETag, Kind, reference.Id, cancellationToken);
        }

        return reference with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        var location = await CosmosItems.ResolveAsync(database, Lookup(id), cancellationToken);
        if (location is null)
        {
            return false;
        }

        var deleted = await CosmosItems.DeleteAsync(database.Items, location.Partition, location.DocumentId, etag, Kind, id, cancellationToken);
        await CosmosItems.RemoveLookupAsync(database, Lookup(id), cancellationToken);
        return deleted;
    }

    private static string Lookup(string id) => Kind + "|" + id;
}
