using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>Participants; subscriptions are rows (one per project and topic) so fan-out is an indexed query.</summary>
internal sealed class RelationalParticipantStore(RelationalSession session) : IParticipantStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "participant";

    private const string FindIdentitySql = "SELECT id, preferred_language FROM participants WHERE channel_id = @channel AND user_id = @user LIMIT 1;";

    private static readonly SubscriptionTopics[] SingleTopics = [SubscriptionTopics.News, SubscriptionTopics.Results, SubscriptionTopics.Events];

    /// <inheritdoc />
    public async Task<Participant?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Db.Participants.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : (await ToDomainAsync([row], cancellationToken))[0];
    }

    /// <inheritdoc />
    public async Task<Participant?> FindByChannelAccountAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var row = await Db.Participants.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ChannelId == channelId && r.UserId == userId, cancellationToken);
        return row is null ? null : (await ToDomainAsync([row], cancellationToken))[0];
    }

    /// <inheritdoc />
    public async Task<ParticipantIdentity?> FindIdentityAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        // Every turn asks this: one indexed query on the scope's connection, no EF Core materialisation.
        await using (await session.OpenAsync(cancellationToken))
        await using (var command = session.CreateCommand(FindIdentitySql))
        {
            command.AddParameter("@channel", channelId);
            command.AddParameter("@user", userId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new ParticipantIdentity(reader.GetString(0), channelId, userId, reader.IsDBNull(1) ? null : reader.GetString(1))
                : null;
        }
    }

    /// <inheritdoc />
    public async Task<Page<Participant>> ListSubscribersAsync(string projectSlug, SubscriptionTopics topic, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!SingleTopics.Contains(topic))
        {
            throw new ArgumentException("Pass exactly one topic: News, Results or Events.", nameof(topic));
        }

        var topicName = TopicName(topic);
        var after = RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var rows = await Db.Participants.AsNoTracking()
            .Where(p => Db.Subscriptions.Any(s => s.ParticipantId == p.Id && s.ProjectSlug == projectSlug && s.Topic == topicName))
            .Where(p => after == null || string.Compare(p.Id, after) > 0)
            .OrderBy(p => p.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var items = await ToDomainAsync(rows, cancellationToken);
        return new Page<Participant>(items, hasMore ? RelationalSupport.ToContinuationToken(rows[^1].Id) : null);
    }

    /// <inheritdoc />
    public async Task<Participant> SaveAsync(Participant participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var row = new ParticipantRow
        {
            Id = participant.Id,
            ChannelId = participant.ChannelId,
            UserId = participant.UserId,
            AadObjectId = participant.AadObjectId,
            PreferredLanguage = participant.PreferredLanguage,
            CreatedAt = participant.CreatedAt,
            Consents = StorageJson.Serialize(participant.Consents),
        };
        var subscriptions = participant.Subscriptions
            .SelectMany(s => SingleTopics.Where(t => s.Topics.HasFlag(t)).Select(t => (s.ProjectSlug, Topic: TopicName(t))))
            .Distinct()
            .Select(s => new SubscriptionRow { ParticipantId = participant.Id, ProjectSlug = s.ProjectSlug, Topic = s.Topic })
            .ToList();

        var etag = await session.InTransactionAsync(
            async ct =>
            {
                var newETag = await Db.SaveRowAsync(row, participant.ETag, Kind, participant.Id, ct);
                await Db.Subscriptions.Where(s => s.ParticipantId == participant.Id).ExecuteDeleteAsync(ct);
                if (subscriptions.Count > 0)
                {
                    Db.Subscriptions.AddRange(subscriptions);
                    await Db.SaveChangesAsync(ct);
                    Db.ChangeTracker.Clear();
                }

                return newETag;
            },
            cancellationToken);
        return participant with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        // Subscriptions go with the participant (ON DELETE CASCADE).
        var deleted = await Db.Participants.Where(r => r.Id == id && (etag == null || r.ETag == etag)).ExecuteDeleteAsync(cancellationToken);
        return await RelationalSupport.CompleteDeleteAsync(
            deleted, etag, ct => Db.Participants.AnyAsync(r => r.Id == id, ct), Kind, id, cancellationToken);
    }

    private static string TopicName(SubscriptionTopics topic) => topic.ToString().ToLowerInvariant();

    private async Task<List<Participant>> ToDomainAsync(List<ParticipantRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var subscriptionRows = await Db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.ParticipantId)).ToListAsync(cancellationToken);
        var byParticipant = subscriptionRows.ToLookup(s => s.ParticipantId, StringComparer.Ordinal);
        return rows.Select(row => new Participant
        {
            Id = row.Id,
            ChannelId = row.ChannelId,
            UserId = row.UserId,
            AadObjectId = row.AadObjectId,
            PreferredLanguage = row.PreferredLanguage,
            CreatedAt = row.CreatedAt,
            Consents = StorageJson.Deserialize<List<ConsentRecord>>(row.Consents),
            Subscriptions = byParticipant[row.Id]
                .GroupBy(s => s.ProjectSlug, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Subscription(g.Key, g.Aggregate(SubscriptionTopics.None, (topics, s) => topics | ParseTopic(s.Topic))))
                .ToList(),
            ETag = row.ETag,
        }).ToList();
    }

    private static SubscriptionTopics ParseTopic(string name) =>
        Enum.TryParse<SubscriptionTopics>(name, ignoreCase: true, out var topic) ? topic : SubscriptionTopics.None;
}

/// <summary>Conversation references keyed by their deterministic id, indexed by participant.</summary>
internal sealed class RelationalConversationReferenceStore(RelationalSession session) : IConversationReferenceStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "conversation reference";

    /// <inheritdoc />
    public async Task<ConversationReferenceRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Db.ConversationReferences.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        var rows = await Db.ConversationReferences.AsNoTracking()
            .Where(r => r.ParticipantId == participantId)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(ToDomain).ToList();
    }

    /// <inheritdoc />
    public async Task<ConversationReferenceRecord> SaveAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var row = new ConversationReferenceRow
        {
            Id = reference.Id,
            ParticipantId = reference.ParticipantId,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl.AbsoluteUri,
            ConversationId = reference.ConversationId,
            ConversationType = reference.ConversationType,
            TenantId = reference.TenantId,
            UserId = reference.UserId,
            AadObjectId = reference.AadObjectId,
            BotId = reference.BotId,
            Locale = reference.Locale,
            LastConfirmedAt = reference.LastConfirmedAt,
            Reachability = reference.Reachability.ToString(),
        };
        var etag = await Db.SaveRowAsync(row, reference.ETag, Kind, reference.Id, cancellationToken);
        return reference with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        var deleted = await Db.ConversationReferences.Where(r => r.Id == id && (etag == null || r.ETag == etag)).ExecuteDeleteAsync(cancellationToken);
        return await RelationalSupport.CompleteDeleteAsync(
            deleted, etag, ct => Db.ConversationReferences.AnyAsync(r => r.Id == id, ct), Kind, id, cancellationToken);
    }

    private static ConversationReferenceRecord ToDomain(ConversationReferenceRow row) => new()
    {
        Id = row.Id,
        ParticipantId = row.ParticipantId,
        ChannelId = row.ChannelId,
        ServiceUrl = new Uri(row.ServiceUrl, UriKind.Absolute),
        ConversationId = row.ConversationId,
        ConversationType = row.ConversationType,
        TenantId = row.TenantId,
        UserId = row.UserId,
        AadObjectId = row.AadObjectId,
        BotId = row.BotId,
        Locale = row.Locale,
        LastConfirmedAt = row.LastConfirmedAt,
        Reachability = Enum.Parse<Reachability>(row.Reachability),
        ETag = row.ETag,
    };
}
