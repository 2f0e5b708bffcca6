using System.Collections.Concurrent;
using EngagementBot.Storage.Domain;
using Microsoft.Azure.Cosmos;

namespace EngagementBot.Storage.Cosmos;

/// <summary>
/// The dispatcher's outbox operations on Cosmos DB, with single-partition queries and ETag-conditional replaces only
/// (no cross-partition query, no transactional batch). Claiming: the queued and withdrawn notifications are listed from partition
/// <c>notifications</c> (indexed <c>status</c>); in each one's delivery partition the due deliveries are found by
/// their indexed <c>due</c> (Unix ms: next attempt of a Pending delivery, lease end of a Sending one) and each is
/// replaced with <c>If-Match</c> its ETag: of two dispatchers racing for a delivery, exactly one replace succeeds
/// (the other gets 412 and moves on). Completion replaces with the ETag of the claim, so it is written only while
/// the claim still holds.
/// </summary>
internal sealed partial class CosmosNotificationStore
{
    private const string NotificationsPartition = "notifications";

    private const int RecipientReadConcurrency = 16;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Delivery>> ClaimDueDeliveriesAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var claimed = new List<Delivery>(max);
        foreach (var (notificationId, withdrawn) in await DispatchableNotificationsAsync(cancellationToken))
        {
            // A withdrawn notification's deliveries are all due at once (Pending whatever their next attempt).
            var partition = DeliveryPartition(notificationId);
            var dueBy = withdrawn ? long.MaxValue : now.ToUnixTimeMilliseconds();
            var query = new QueryDefinition($"SELECT TOP {(max - claimed.Count) * 2} * FROM c WHERE c.pk = @pk AND c.type = @type AND c.due <= @dueBy")
                .WithParameter("@pk", partition).WithParameter("@type", DeliveryKind).WithParameter("@dueBy", dueBy);
            var candidates = await CosmosItems.QueryAsync(database.Items, partition, query, (max - claimed.Count) * 2, cancellationToken);

            // Racing claimers read the same candidates: trying them in a random order spreads them apart.
            var order = candidates.ToArray();
            Random.Shared.Shuffle(order);
            foreach (var candidate in order)
            {
                if (claimed.Count == max)
                {
                    break;
                }

                var delivery = candidate.Doc<Delivery>();
                if (!IsDue(delivery, now, withdrawn))
                {
                    continue;
                }

                var lease = delivery with { Status = DeliveryStatus.Sending, LeaseOwner = owner, LeaseExpiresAt = now + leaseDuration, UpdatedAt = now };
                try
                {
                    claimed.Add(await ReplaceDeliveryAsync(lease, candidate.ETag, cancellationToken));
                }
                catch (ConcurrencyConflictException)
                {
                    // Another dispatcher claimed (or completed) it first.
                }
            }

            if (claimed.Count == max)
            {
                break;
            }
        }

        return claimed;
    }

    /// <inheritdoc />
    public async Task<int> CompleteDeliveriesAsync(string owner, IReadOnlyCollection<Delivery> outcomes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(outcomes);
        var written = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Status == DeliveryStatus.Sending || outcome.ETag is null)
            {
                throw new ArgumentException($"Delivery {outcome.Id}: an outcome is Sent, Failed, Skipped or Pending (retry), with the ETag of its claim.", nameof(outcomes));
            }

            if (outcome.LeaseOwner != owner)
            {
                continue;
            }

            try
            {
                var completed = await ReplaceDeliveryAsync(outcome with { LeaseOwner = null, LeaseExpiresAt = null }, outcome.ETag, cancellationToken);
                written++;
                if (completed.Status == DeliveryStatus.Sent)
                {
                    await WritePointerAsync(completed, cancellationToken);
                }
            }
            catch (ConcurrencyConflictException)
            {
                // The lease expired and passed to another dispatcher: its outcome wins.
            }
        }

        return written;
    }

    /// <inheritdoc />
    public async Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var released = 0;
        var now = timeProvider.GetUtcNow();
        foreach (var (notificationId, _) in await DispatchableNotificationsAsync(cancellationToken))
        {
            var partition = DeliveryPartition(notificationId);
            var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.leaseOwner = @owner AND c.status = 'Sending'")
                .WithParameter("@pk", partition).WithParameter("@type", DeliveryKind).WithParameter("@owner", owner);
            foreach (var document in await CosmosItems.QueryAsync(database.Items, partition, query, int.MaxValue, cancellationToken))
            {
                var delivery = document.Doc<Delivery>();
                try
                {
                    await ReplaceDeliveryAsync(delivery with { Status = DeliveryStatus.Pending, LeaseOwner = null, LeaseExpiresAt = null, UpdatedAt = now }, document.ETag, cancellationToken);
                    released++;
                }
                catch (ConcurrencyConflictException)
                {
                    // Changed meanwhile.
                }
            }
        }

        return released;
    }

    /// <inheritdoc />
    public async Task<DeliveryProgress> GetDeliveryProgressAsync(string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        int pending = 0, sending = 0, sent = 0, failed = 0, skipped = 0, unreachable = 0, withdrawn = 0;
        foreach (var document in await CosmosItems.AllAsync(database.Items, DeliveryPartition(notificationId), DeliveryKind, cancellationToken))
        {
            switch (Enum.Parse<DeliveryStatus>(document.Field("status") ?? nameof(DeliveryStatus.Pending)))
            {
                case DeliveryStatus.Pending: pending++; break;
                case DeliveryStatus.Sending: sending++; break;
                case DeliveryStatus.Sent: sent++; break;
                case DeliveryStatus.Failed: failed++; break;
                case DeliveryStatus.Skipped:
                    skipped++;
                    unreachable += document.Field("reason") == DeliveryReasons.Unreachable ? 1 : 0;
                    withdrawn += document.Field("reason") == DeliveryReasons.Withdrawn ? 1 : 0;
                    break;
            }
        }

        return new DeliveryProgress(pending, sending, sent, failed, skipped, unreachable, withdrawn);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> CountCappedSendsSinceAsync(IReadOnlyCollection<string> participantIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participantIds);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, NotificationKind?>(StringComparer.Ordinal);
        foreach (var participantId in participantIds.Distinct(StringComparer.Ordinal))
        {
            var partition = ParticipantPartition.Of(participantId);
            var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.sentAt >= @since")
                .WithParameter("@pk", partition).WithParameter("@type", PointerKind).WithParameter("@since", since.ToUnixTimeMilliseconds());
            var count = 0;
            foreach (var pointer in await CosmosItems.QueryAsync(database.Items, partition, query, int.MaxValue, cancellationToken))
            {
                var notificationId = pointer.Field("notificationId");
                if (notificationId is null)
                {
                    continue;
                }

                if (!kinds.TryGetValue(notificationId, out var kind))
                {
                    kind = (await GetAsync(notificationId, cancellationToken))?.Kind;
                    kinds[notificationId] = kind;
                }

                if (kind is { } known && known != NotificationKind.FinalResults)
                {
                    count++;
                }
            }

            if (count > 0)
            {
                counts[participantId] = count;
            }
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<DeliveryRecipients> GetRecipientsAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);

        // No cross-partition query: point reads (each participant and reference sits in the participant's partition;
        // the reference's location lookup is cached in-process), a bounded number at a time.
        var participantStore = new CosmosParticipantStore(database);
        var referenceStore = new CosmosConversationReferenceStore(database);
        var participants = new ConcurrentDictionary<string, Participant>(StringComparer.Ordinal);
        var references = new ConcurrentDictionary<string, ConversationReferenceRecord>(StringComparer.Ordinal);
        var reads = deliveries.Select(d => (Participant: true, Id: d.ParticipantId)).Distinct()
            .Concat(deliveries.Select(d => (Participant: false, Id: d.ConversationReferenceId)).Distinct());
        await Parallel.ForEachAsync(
            reads,
            new ParallelOptions { MaxDegreeOfParallelism = RecipientReadConcurrency, CancellationToken = cancellationToken },
            async (read, ct) =>
            {
                if (read.Participant)
                {
                    if (await participantStore.GetAsync(read.Id, ct) is { } participant)
                    {
                        participants[read.Id] = participant;
                    }
                }
                else if (await referenceStore.GetAsync(read.Id, ct) is { } reference)
                {
                    references[read.Id] = reference;
                }
            });
        return new DeliveryRecipients(
            new Dictionary<string, Participant>(participants, StringComparer.Ordinal),
            new Dictionary<string, ConversationReferenceRecord>(references, StringComparer.Ordinal));
    }

    /// <summary>The notifications the dispatcher works on: withdrawn ones (Cancelling) first, then queued ones, oldest first.</summary>
    private async Task<List<(string Id, bool Withdrawn)>> DispatchableNotificationsAsync(CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = 'notification' AND (c.status = 'Queued' OR c.status = 'Cancelling') ORDER BY c.key")
            .WithParameter("@pk", NotificationsPartition);
        var documents = await CosmosItems.QueryAsync(database.Items, NotificationsPartition, query, int.MaxValue, cancellationToken);
        return documents.Select(d => (Id: d.Field("key")!, Withdrawn: d.Field("status") == nameof(NotificationStatus.Cancelling)))
            .OrderByDescending(n => n.Withdrawn).ToList();
    }

    private async Task<Delivery> ReplaceDeliveryAsync(Delivery delivery, string ifMatch, CancellationToken cancellationToken)
    {
        var location = new CosmosLocation(DeliveryPartition(delivery.NotificationId), CosmosItems.ToId(delivery.Id));
        var etag = await CosmosItems.ReplaceAsync(
            database.Items, location.Partition, location.DocumentId, Body(delivery, location), ifMatch, DeliveryKind, delivery.Id, cancellationToken);
        return delivery with { ETag = etag };
    }

    private static bool IsDue(Delivery delivery, DateTimeOffset now, bool withdrawn) => delivery.Status switch
    {
        DeliveryStatus.Pending => withdrawn || delivery.NextAttemptAt is null || delivery.NextAttemptAt <= now,
        DeliveryStatus.Sending => delivery.LeaseExpiresAt is null || delivery.LeaseExpiresAt <= now,
        _ => false,
    };

    /// <summary>When the delivery may be claimed (Unix ms), or null once it reached a final state.</summary>
    private static long? DueOf(Delivery delivery) => delivery.Status switch
    {
        DeliveryStatus.Pending => delivery.NextAttemptAt?.ToUnixTimeMilliseconds() ?? 0,
        DeliveryStatus.Sending => delivery.LeaseExpiresAt?.ToUnixTimeMilliseconds() ?? 0,
        _ => null,
    };
}
