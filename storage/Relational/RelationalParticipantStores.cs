using System.Data.Common;
using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>Participants; subscriptions are rows (one per project and topic) so fan-out is an indexed query.</summary>
internal sealed class RelationalParticipantStore(RelationalSession session) : IParticipantStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "participant";

    private const string FindIdentitySql = "SELECT id, preferred_language FROM participants WHERE channel_id = @channel AND user_id = @user LIMIT 1;";

    private const string Columns = "id, channel_id, user_id, aad_object_id, preferred_language, created_at, consents, etag";

    // Read on most turns (the consultation needs consents, "start" the subscriptions): one round trip of two
    // statements on the scope's connection, no EF Core query pipeline.
    private const string GetSql =
        "SELECT " + Columns + " FROM participants WHERE id = @id; " +
        "SELECT project_slug, topic FROM participant_subscriptions WHERE participant_id = @id;";

    private const string FindByChannelAccountSql =
        "SELECT " + Columns + " FROM participants WHERE channel_id = @channel AND user_id = @user LIMIT 1; " +
        "SELECT project_slug, topic FROM participant_subscriptions WHERE participant_id = " +
        "(SELECT id FROM participants WHERE channel_id = @channel AND user_id = @user LIMIT 1);";

    private const string InsertSql =
        "INSERT INTO participants (" + Columns + ") VALUES (@id, @channel, @user, @aad, @language, @created_at, @consents, @etag);";

    private const string UpdateSql =
        "UPDATE participants SET channel_id = @channel, user_id = @user, aad_object_id = @aad, preferred_language = @language, " +
        "created_at = @created_at, consents = @consents, etag = @etag WHERE id = @id AND etag = @expected;";

    private const string DeleteSubscriptionsSql = "DELETE FROM participant_subscriptions WHERE participant_id = @id;";

    private const string InsertSubscriptionSql = "INSERT INTO participant_subscriptions (participant_id, project_slug, topic) VALUES (@id, @project, @topic);";

    private static readonly SubscriptionTopics[] SingleTopics = [SubscriptionTopics.News, SubscriptionTopics.Results, SubscriptionTopics.Events, SubscriptionTopics.Reminders];

    /// <inheritdoc />
    public Task<Participant?> GetAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync(GetSql, command => command.AddParameter("@id", id), cancellationToken);

    /// <inheritdoc />
    public Task<Participant?> FindByChannelAccountAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        ReadOneAsync(
            FindByChannelAccountSql,
            command =>
            {
                command.AddParameter("@channel", channelId);
                command.AddParameter("@user", userId);
            },
            cancellationToken);

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
        var subscriptions = participant.Subscriptions
            .SelectMany(s => SingleTopics.Where(t => s.Topics.HasFlag(t)).Select(t => (s.ProjectSlug, Topic: TopicName(t))))
            .Distinct()
            .ToList();
        var etag = Ids.NewETag();
        var consents = StorageJson.Serialize(participant.Consents);

        // First contact and consent are on the turn's path: plain statements in the scope's transaction (or a new one).
        await using (await session.OpenAsync(cancellationToken))
        {
            await session.InTransactionAsync(
                async ct =>
                {
                    await using (var save = await session.CreateWriteCommandAsync(participant.ETag is null ? InsertSql : UpdateSql, ct))
                    {
                        save.AddParameter("@id", participant.Id);
                        save.AddParameter("@channel", participant.ChannelId);
                        save.AddParameter("@user", participant.UserId);
                        save.AddParameter("@aad", participant.AadObjectId);
                        save.AddParameter("@language", participant.PreferredLanguage);
                        save.AddParameter("@created_at", participant.CreatedAt.UtcTicks);
                        save.AddParameter("@consents", consents);
                        save.AddParameter("@etag", etag);
                        if (participant.ETag is not null)
                        {
                            save.AddParameter("@expected", participant.ETag);
                        }

                        try
                        {
                            if (await save.ExecuteNonQueryAsync(ct) == 0)
                            {
                                throw new ConcurrencyConflictException(Kind, participant.Id, participant.ETag);
                            }
                        }
                        catch (System.Data.Common.DbException ex) when (RelationalSupport.IsUniqueKeyError(ex))
                        {
                            throw new ConcurrencyConflictException(Kind, participant.Id, participant.ETag, ex);
                        }
                    }

                    if (participant.ETag is not null)
                    {
                        await using var clear = await session.CreateWriteCommandAsync(DeleteSubscriptionsSql, ct);
                        clear.AddParameter("@id", participant.Id);
                        await clear.ExecuteNonQueryAsync(ct);
                    }

                    foreach (var (projectSlug, topic) in subscriptions)
                    {
                        await using var add = await session.CreateWriteCommandAsync(InsertSubscriptionSql, ct);
                        add.AddParameter("@id", participant.Id);
                        add.AddParameter("@project", projectSlug);
                        add.AddParameter("@topic", topic);
                        await add.ExecuteNonQueryAsync(ct);
                    }

                    return true;
                },
                cancellationToken);
        }

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

    private Task<Participant?> ReadOneAsync(string sql, Action<System.Data.Common.DbCommand> bind, CancellationToken cancellationToken) =>
        session.ReadRowWithChildrenAsync(
            sql,
            bind,
            reader => new ParticipantRow
            {
                Id = reader.GetString(0),
                ChannelId = reader.GetString(1),
                UserId = reader.GetString(2),
                AadObjectId = reader.IsDBNull(3) ? null : reader.GetString(3),
                PreferredLanguage = reader.IsDBNull(4) ? null : reader.GetString(4),
                CreatedAt = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                Consents = reader.GetString(6),
                ETag = reader.GetString(7),
            },
            (reader, row) => new SubscriptionRow { ParticipantId = row.Id, ProjectSlug = reader.GetString(0), Topic = reader.GetString(1) },
            ToDomain,
            cancellationToken);

    private static Participant ToDomain(ParticipantRow row, IEnumerable<SubscriptionRow> subscriptions) => new()
    {
        Id = row.Id,
        ChannelId = row.ChannelId,
        UserId = row.UserId,
        AadObjectId = row.AadObjectId,
        PreferredLanguage = row.PreferredLanguage,
        CreatedAt = row.CreatedAt,
        Consents = StorageJson.Deserialize<List<ConsentRecord>>(row.Consents),
        Subscriptions = subscriptions
            .GroupBy(s => s.ProjectSlug, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Subscription(g.Key, g.Aggregate(SubscriptionTopics.None, (topics, s) => topics | ParseTopic(s.Topic))))
            .ToList(),
        ETag = row.ETag,
    };

    private async Task<List<Participant>> ToDomainAsync(List<ParticipantRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var subscriptionRows = await Db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.ParticipantId)).ToListAsync(cancellationToken);
        var byParticipant = subscriptionRows.ToLookup(s => s.ParticipantId, StringComparer.Ordinal);
        return rows.Select(row => ToDomain(row, byParticipant[row.Id])).ToList();
    }

    private static SubscriptionTopics ParseTopic(string name) =>
        Enum.TryParse<SubscriptionTopics>(name, ignoreCase: true, out var topic) ? topic : SubscriptionTopics.None;
}

/// <summary>Conversation references keyed by their deterministic id, indexed by participant.</summary>
internal sealed class RelationalConversationReferenceStore(RelationalSession session) : IConversationReferenceStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "conversation reference";

    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    internal const string Columns =
        "id, participant_id, channel_id, service_url, conversation_id, conversation_type, tenant_id, user_id, aad_object_id, " +
        "bot_id, locale, last_confirmed_at, reachability, etag, client, time_zone";

    private const string GetSql = "SELECT " + Columns + " FROM conversation_references WHERE id = @id;";

    private const string InsertSql =
        "INSERT INTO conversation_references (" + Columns + ") VALUES (@id, @participant, @channel, @service_url, @conversation, " +
        "@conversation_type, @tenant, @user, @aad, @bot, @locale, @last_confirmed_at, @reachability, @etag, @client, @time_zone);";

    /// <inheritdoc />
    public async Task<ConversationReferenceRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        // Read on first contact and for every proactive send: one indexed query, no EF Core query pipeline.
        await using (await session.OpenAsync(cancellationToken))
        await using (var command = session.CreateCommand(GetSql))
        {
            command.AddParameter("@id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return Read(reader);
        }
    }

    /// <summary>A reference from a row of <see cref="Columns"/>.</summary>
    internal static ConversationReferenceRecord Read(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return ToDomain(new ConversationReferenceRow
        {
            Id = reader.GetString(0),
            ParticipantId = reader.GetString(1),
            ChannelId = reader.GetString(2),
            ServiceUrl = reader.GetString(3),
            ConversationId = reader.GetString(4),
            ConversationType = Text(5),
            TenantId = Text(6),
            UserId = reader.GetString(7),
            AadObjectId = Text(8),
            BotId = reader.GetString(9),
            Locale = Text(10),
            LastConfirmedAt = new DateTimeOffset(reader.GetInt64(11), TimeSpan.Zero),
            Reachability = reader.GetString(12),
            ETag = reader.GetString(13),
            Client = Text(14),
            TimeZone = Text(15),
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListByParticipantsAsync(IReadOnlyCollection<string> participantIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participantIds);
        var references = new List<ConversationReferenceRecord>();
        await using (await session.OpenAsync(cancellationToken))
        {
            await session.ForChunksAsync(
                [.. participantIds.Distinct(StringComparer.Ordinal)],
                "SELECT " + Columns + " FROM conversation_references WHERE participant_id IN (",
                reader => references.Add(Read(reader)),
                cancellationToken);
        }

        return [.. references.OrderBy(r => r.ParticipantId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)];
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
            Client = reference.Client?.ToString(),
            TimeZone = reference.TimeZone,
        };
        if (reference.ETag is not null)
        {
            var etag = await Db.SaveRowAsync(row, reference.ETag, Kind, reference.Id, cancellationToken);
            return reference with { ETag = etag };
        }

        // A new reference (first contact of a conversation): one plain insert, a duplicate key is a conflict.
        row.ETag = Ids.NewETag();
        await using (await session.OpenAsync(cancellationToken))
        {
            await session.InTransactionAsync(
                async ct =>
                {
                    await using var insert = await session.CreateWriteCommandAsync(InsertSql, ct);
                    insert.AddParameter("@id", row.Id);
                    insert.AddParameter("@participant", row.ParticipantId);
                    insert.AddParameter("@channel", row.ChannelId);
                    insert.AddParameter("@service_url", row.ServiceUrl);
                    insert.AddParameter("@conversation", row.ConversationId);
                    insert.AddParameter("@conversation_type", row.ConversationType);
                    insert.AddParameter("@tenant", row.TenantId);
                    insert.AddParameter("@user", row.UserId);
                    insert.AddParameter("@aad", row.AadObjectId);
                    insert.AddParameter("@bot", row.BotId);
                    insert.AddParameter("@locale", row.Locale);
                    insert.AddParameter("@last_confirmed_at", row.LastConfirmedAt.UtcTicks);
                    insert.AddParameter("@reachability", row.Reachability);
                    insert.AddParameter("@etag", row.ETag);
                    insert.AddParameter("@client", row.Client);
                    insert.AddParameter("@time_zone", row.TimeZone);
                    try
                    {
                        await insert.ExecuteNonQueryAsync(ct);
                    }
                    catch (System.Data.Common.DbException ex) when (RelationalSupport.IsUniqueKeyError(ex))
                    {
                        throw new ConcurrencyConflictException(Kind, reference.Id, null, ex);
                    }

                    return true;
                },
                cancellationToken);
        }

        return reference with { ETag = row.ETag };
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
        Client = RelationalSupport.ParseChatClient(row.Client),
        TimeZone = row.TimeZone,
        ETag = row.ETag,
    };
}
