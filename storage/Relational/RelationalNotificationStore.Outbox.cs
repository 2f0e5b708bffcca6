using System.Data.Common;
using System.Globalization;
using System.Text;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// The dispatcher's outbox operations in plain ADO.NET (they run for every delivery, so no EF change tracking).
/// Claiming is one <c>UPDATE … WHERE id IN (due ids) RETURNING</c> statement inside a write transaction:
/// on SQLite the transaction is <c>BEGIN IMMEDIATE</c> (the database write lock, taken before the due rows are
/// read, so a second process waits instead of reading the same rows) behind the in-process writer gate; on
/// PostgreSQL the due ids are selected <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers take disjoint rows
/// without waiting for each other. Deliveries of a notification staff withdrew (<see cref="NotificationStatus.Cancelling"/>)
/// are claimed first and at once, whatever their next attempt (the dispatcher skips them without sending, so the
/// withdrawal ends quickly); a live lease is never taken over.
/// </summary>
internal sealed partial class RelationalNotificationStore
{
    private const string DeliveryColumns =
        "id, notification_id, participant_id, conversation_reference_id, idempotency_key, status, attempts, next_attempt_at, " +
        "lease_owner, lease_expires_at, last_error, sent_at, created_at, updated_at, etag";

    private const string DueCondition =
        "notification_id IN (SELECT n.id FROM notifications n WHERE n.status = 'Queued') AND " +
        "((status = 'Pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)) OR (status = 'Sending' AND lease_expires_at <= @now))";

    // PostgreSQL plans this as a hash join whose (tiny) inner side is the withdrawn notifications: with none, it stops
    // at once (0.3 ms beside 100,000 pending deliveries, EXPLAIN ANALYZE on PostgreSQL 15). "= ANY(ARRAY(…))" looked
    // better on paper but was planned as a scan of every delivery (30 ms per claim).
    private const string WithdrawnCondition =
        "notification_id IN (SELECT n.id FROM notifications n WHERE n.status = 'Cancelling') AND " +
        "(status = 'Pending' OR (status = 'Sending' AND lease_expires_at <= @now))";

    // SQLite: withdrawn notifications' deliveries first, then the three kinds of due rows as index range scans
    // (status, next_attempt_at), each limited. The first part is a CROSS JOIN, which SQLite never reorders: the
    // notifications are scanned, then a withdrawn one's deliveries are read by the (notification_id, id) index, so
    // nothing else is read unless a withdrawal is under way. (A plain JOIN was planned the other way round: every
    // Pending delivery read by the status index to look up its notification, which made the 100,000-message
    // benchmark 25 % slower.)
    private const string SqliteClaimSql =
        "UPDATE deliveries SET status = 'Sending', lease_owner = @owner, lease_expires_at = @expires, updated_at = @now, " +
        "etag = lower(hex(randomblob(16))) WHERE id IN (" +
        "SELECT d.id FROM notifications n CROSS JOIN deliveries d ON d.notification_id = n.id WHERE n.status = 'Cancelling' " +
        "AND (d.status = 'Pending' OR (d.status = 'Sending' AND d.lease_expires_at <= @now)) " +
        "UNION ALL SELECT id FROM deliveries WHERE status = 'Pending' AND next_attempt_at IS NULL AND notification_id IN (SELECT n.id FROM notifications n WHERE n.status = 'Queued') " +
        "UNION ALL SELECT id FROM deliveries WHERE status = 'Pending' AND next_attempt_at <= @now AND notification_id IN (SELECT n.id FROM notifications n WHERE n.status = 'Queued') " +
        "UNION ALL SELECT id FROM deliveries WHERE status = 'Sending' AND lease_expires_at <= @now AND notification_id IN (SELECT n.id FROM notifications n WHERE n.status = 'Queued') " +
        "LIMIT @max) RETURNING " + DeliveryColumns;

    // PostgreSQL: two statements in one transaction (SKIP LOCKED takes no UNION): withdrawn notifications' deliveries
    // first, then due ones up to what is left of the batch.
    private const string PostgresWithdrawnClaimSql =
        "UPDATE deliveries SET status = 'Sending', lease_owner = @owner, lease_expires_at = @expires, updated_at = @now, " +
        "etag = md5(random()::text || id) WHERE id IN (SELECT id FROM deliveries WHERE " + WithdrawnCondition +
        " LIMIT @max FOR UPDATE SKIP LOCKED) RETURNING " + DeliveryColumns;

    private const string PostgresClaimSql =
        "UPDATE deliveries SET status = 'Sending', lease_owner = @owner, lease_expires_at = @expires, updated_at = @now, " +
        "etag = md5(random()::text || id) WHERE id IN (SELECT id FROM deliveries WHERE " + DueCondition +
        " LIMIT @max FOR UPDATE SKIP LOCKED) RETURNING " + DeliveryColumns;

    private const string CompleteSql =
        "UPDATE deliveries SET status = @status, attempts = @attempts, next_attempt_at = @next, last_error = @error, sent_at = @sent, " +
        "updated_at = @updated, lease_owner = NULL, lease_expires_at = NULL, etag = @etag " +
        "WHERE id = @id AND lease_owner = @owner AND status = 'Sending'";

    private const string ReleaseSql =
        "UPDATE deliveries SET status = 'Pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = @now, etag = @etag " +
        "WHERE lease_owner = @owner AND status = 'Sending'";

    private const string ProgressSql =
        "SELECT status, CASE WHEN last_error = 'unreachable' THEN 1 WHEN last_error = 'withdrawn' THEN 2 ELSE 0 END, COUNT(*) FROM deliveries " +
        "WHERE notification_id = @id GROUP BY status, CASE WHEN last_error = 'unreachable' THEN 1 WHEN last_error = 'withdrawn' THEN 2 ELSE 0 END";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Delivery>> ClaimDueDeliveriesAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        string[] statements = session.Provider == StorageProvider.Postgres ? [PostgresWithdrawnClaimSql, PostgresClaimSql] : [SqliteClaimSql];
        await using (await session.OpenAsync(cancellationToken))
        {
            return await session.InTransactionAsync(
                async ct =>
                {
                    var claimed = new List<Delivery>(max);
                    foreach (var sql in statements)
                    {
                        if (claimed.Count == max)
                        {
                            break;
                        }

                        await using var command = session.CreateCommand(sql);
                        command.AddParameter("@owner", owner);
                        command.AddParameter("@now", now.UtcTicks);
                        command.AddParameter("@expires", (now + leaseDuration).UtcTicks);
                        command.AddParameter("@max", max - claimed.Count);
                        await using var reader = await command.ExecuteReaderAsync(ct);
                        while (await reader.ReadAsync(ct))
                        {
                            claimed.Add(ReadDelivery(reader));
                        }
                    }

                    return (IReadOnlyList<Delivery>)claimed;
                },
                cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<int> CompleteDeliveriesAsync(string owner, IReadOnlyCollection<Delivery> outcomes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return 0;
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Status == DeliveryStatus.Sending)
            {
                throw new ArgumentException($"Delivery {outcome.Id}: an outcome is Sent, Failed, Skipped or Pending (retry), not Sending.", nameof(outcomes));
            }
        }

        await using (await session.OpenAsync(cancellationToken))
        {
            return await session.InTransactionAsync(
                async ct =>
                {
                    await using var command = session.CreateCommand(CompleteSql);
                    var parameters = new[] { "@status", "@attempts", "@next", "@error", "@sent", "@updated", "@etag", "@id", "@owner" };
                    foreach (var name in parameters)
                    {
                        command.AddParameter(name, null);
                    }

                    var written = 0;
                    foreach (var outcome in outcomes)
                    {
                        command.Parameters["@status"].Value = outcome.Status.ToString();
                        command.Parameters["@attempts"].Value = outcome.Attempts;
                        command.Parameters["@next"].Value = (object?)outcome.NextAttemptAt?.UtcTicks ?? DBNull.Value;
                        command.Parameters["@error"].Value = (object?)outcome.LastError ?? DBNull.Value;
                        command.Parameters["@sent"].Value = (object?)outcome.SentAt?.UtcTicks ?? DBNull.Value;
                        command.Parameters["@updated"].Value = outcome.UpdatedAt.UtcTicks;
                        command.Parameters["@etag"].Value = Ids.NewETag();
                        command.Parameters["@id"].Value = outcome.Id;
                        command.Parameters["@owner"].Value = owner;
                        written += await command.ExecuteNonQueryAsync(ct);
                    }

                    return written;
                },
                cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using (await session.OpenAsync(cancellationToken))
        {
            return await session.InTransactionAsync(
                async ct =>
                {
                    await using var command = session.CreateCommand(ReleaseSql);
                    command.AddParameter("@owner", owner);
                    command.AddParameter("@now", timeProvider.GetUtcNow().UtcTicks);
                    command.AddParameter("@etag", Ids.NewETag());
                    return await command.ExecuteNonQueryAsync(ct);
                },
                cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<DeliveryProgress> GetDeliveryProgressAsync(string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        int pending = 0, sending = 0, sent = 0, failed = 0, skipped = 0, unreachable = 0, withdrawn = 0;
        await using (await session.OpenAsync(cancellationToken))
        await using (var command = session.CreateCommand(ProgressSql))
        {
            command.AddParameter("@id", notificationId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
                switch (Enum.Parse<DeliveryStatus>(reader.GetString(0)))
                {
                    case DeliveryStatus.Pending: pending += count; break;
                    case DeliveryStatus.Sending: sending += count; break;
                    case DeliveryStatus.Sent: sent += count; break;
                    case DeliveryStatus.Failed: failed += count; break;
                    case DeliveryStatus.Skipped:
                        skipped += count;
                        var reason = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
                        unreachable += reason == 1 ? count : 0;
                        withdrawn += reason == 2 ? count : 0;
                        break;
                }
            }
        }

        return new DeliveryProgress(pending, sending, sent, failed, skipped, unreachable, withdrawn);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> CountCappedSendsSinceAsync(IReadOnlyCollection<string> participantIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participantIds);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = participantIds.Distinct(StringComparer.Ordinal).ToList();
        const int Chunk = 500;
        await using (await session.OpenAsync(cancellationToken))
        {
            for (var start = 0; start < distinct.Count; start += Chunk)
            {
                var part = distinct.Skip(start).Take(Chunk).ToList();
                var sql = new StringBuilder(
                    "SELECT d.participant_id, COUNT(*) FROM deliveries d JOIN notifications n ON n.id = d.notification_id " +
                    "WHERE d.status = 'Sent' AND d.sent_at >= @since AND n.kind <> 'FinalResults' AND d.participant_id IN (");
                for (var i = 0; i < part.Count; i++)
                {
                    sql.Append(i == 0 ? "@p" : ", @p").Append(i.ToString(CultureInfo.InvariantCulture));
                }

                sql.Append(") GROUP BY d.participant_id");
                await using var command = session.CreateCommand(sql.ToString());
                command.AddParameter("@since", since.UtcTicks);
                for (var i = 0; i < part.Count; i++)
                {
                    command.AddParameter("@p" + i.ToString(CultureInfo.InvariantCulture), part[i]);
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
                }
            }
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<DeliveryRecipients> GetRecipientsAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var participantIds = deliveries.Select(d => d.ParticipantId).Distinct(StringComparer.Ordinal).ToList();
        var referenceIds = deliveries.Select(d => d.ConversationReferenceId).Distinct(StringComparer.Ordinal).ToList();
        var rows = new Dictionary<string, Participant>(participantIds.Count, StringComparer.Ordinal);
        var topics = new Dictionary<string, SortedDictionary<string, SubscriptionTopics>>(participantIds.Count, StringComparer.Ordinal);
        var references = new Dictionary<string, ConversationReferenceRecord>(referenceIds.Count, StringComparer.Ordinal);
        await using (await session.OpenAsync(cancellationToken))
        {
            await session.ForChunksAsync(
                participantIds,
                "SELECT id, channel_id, user_id, aad_object_id, preferred_language, created_at, consents, etag FROM participants WHERE id IN (",
                reader =>
                {
                    var id = reader.GetString(0);
                    rows[id] = new Participant
                    {
                        Id = id,
                        ChannelId = reader.GetString(1),
                        UserId = reader.GetString(2),
                        AadObjectId = reader.IsDBNull(3) ? null : reader.GetString(3),
                        PreferredLanguage = reader.IsDBNull(4) ? null : reader.GetString(4),
                        CreatedAt = Ticks(reader, 5)!.Value,
                        Consents = StorageJson.Deserialize<List<ConsentRecord>>(reader.GetString(6)),
                        ETag = reader.GetString(7),
                    };
                },
                cancellationToken);
            await session.ForChunksAsync(
                participantIds,
                "SELECT participant_id, project_slug, topic FROM participant_subscriptions WHERE participant_id IN (",
                reader =>
                {
                    var participantId = reader.GetString(0);
                    if (!topics.TryGetValue(participantId, out var byProject))
                    {
                        topics[participantId] = byProject = new SortedDictionary<string, SubscriptionTopics>(StringComparer.Ordinal);
                    }

                    var slug = reader.GetString(1);
                    byProject[slug] = byProject.GetValueOrDefault(slug) | ParseTopic(reader.GetString(2));
                },
                cancellationToken);
            await session.ForChunksAsync(
                referenceIds,
                "SELECT " + RelationalConversationReferenceStore.Columns + " FROM conversation_references WHERE id IN (",
                reader =>
                {
                    var reference = RelationalConversationReferenceStore.Read(reader);
                    references[reference.Id] = reference;
                },
                cancellationToken);
        }

        var participants = new Dictionary<string, Participant>(rows.Count, StringComparer.Ordinal);
        foreach (var (id, participant) in rows)
        {
            participants[id] = topics.TryGetValue(id, out var byProject)
                ? participant with { Subscriptions = byProject.Select(p => new Subscription(p.Key, p.Value)).ToList() }
                : participant;
        }

        return new DeliveryRecipients(participants, references);
    }

    /// <summary>Runs <paramref name="sqlPrefix"/> + <c>@p0, @p1, …)</c> over the ids in chunks, handing each row to <paramref name="read"/>.</summary>
    private static SubscriptionTopics ParseTopic(string name) =>
        Enum.TryParse<SubscriptionTopics>(name, ignoreCase: true, out var topic) ? topic : SubscriptionTopics.None;

    private static Delivery ReadDelivery(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        NotificationId = reader.GetString(1),
        ParticipantId = reader.GetString(2),
        ConversationReferenceId = reader.GetString(3),
        IdempotencyKey = reader.GetString(4),
        Status = Enum.Parse<DeliveryStatus>(reader.GetString(5)),
        Attempts = Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
        NextAttemptAt = Ticks(reader, 7),
        LeaseOwner = reader.IsDBNull(8) ? null : reader.GetString(8),
        LeaseExpiresAt = Ticks(reader, 9),
        LastError = reader.IsDBNull(10) ? null : reader.GetString(10),
        SentAt = Ticks(reader, 11),
        CreatedAt = Ticks(reader, 12)!.Value,
        UpdatedAt = Ticks(reader, 13)!.Value,
        ETag = reader.GetString(14),
    };

    private static DateTimeOffset? Ticks(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture), TimeSpan.Zero);
}
