using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>The dispatcher's outbox operations: claims with leases, completion, release, progress, the frequency cap's count.</summary>
public abstract partial class StoreConformanceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static CancellationToken OutboxToken => CancellationToken.None;

    [Fact]
    public async Task Outbox_notification_kind_is_stored()
    {
        var saved = await SaveNotificationAsync(NotificationKind.FinalResults, NotificationStatus.Queued);

        var read = await In<INotificationStore, Notification?>(s => s.GetAsync(saved.Id, OutboxToken));

        Assert.Equal(NotificationKind.FinalResults, read!.Kind);
        Assert.Equal(NotificationKind.FinalResults, Assert.Single((await In<INotificationStore, Page<Notification>>(s => s.ListByProjectAsync("parc", new PageRequest(10), OutboxToken))).Items).Kind);
    }

    [Fact]
    public async Task Outbox_claim_leases_due_deliveries_of_queued_notifications_only()
    {
        var queued = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        var draft = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Draft);
        var now = Clock.GetUtcNow();
        await AddDeliveriesAsync(queued, 3);
        await AddDeliveriesAsync(draft, 2);
        await In<INotificationStore, int>(s => s.AddDeliveriesAsync([NewDelivery(queued, "later") with { NextAttemptAt = now.AddSeconds(30) }], OutboxToken));

        var claimed = await ClaimAsync("worker-a", now, 10);

        Assert.Equal(3, claimed.Count);
        Assert.All(claimed, d =>
        {
            Assert.Equal(queued.Id, d.NotificationId);
            Assert.Equal(DeliveryStatus.Sending, d.Status);
            Assert.Equal("worker-a", d.LeaseOwner);
            Assert.Equal(now + Lease, d.LeaseExpiresAt);
            Assert.False(string.IsNullOrEmpty(d.ETag));
        });
        var stored = await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(claimed[0].Id, OutboxToken));
        Assert.Equal(DeliveryStatus.Sending, stored!.Status);
        Assert.Equal("worker-a", stored.LeaseOwner);
        Assert.Equal(claimed[0].ETag, stored.ETag);
        Assert.Empty(await ClaimAsync("worker-b", now, 10));

        // The deferred one becomes due at its time (the others are still leased).
        Assert.Empty(await ClaimAsync("worker-b", now.AddSeconds(29), 10));
        var later = Assert.Single(await ClaimAsync("worker-b", now.AddSeconds(30), 10));
        Assert.Equal(queued.Id + ":later", later.IdempotencyKey);
    }

    [Fact]
    public async Task Outbox_claim_takes_at_most_max()
    {
        var notification = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        await AddDeliveriesAsync(notification, 7);

        var first = await ClaimAsync("worker-a", Clock.GetUtcNow(), 4);
        var second = await ClaimAsync("worker-a", Clock.GetUtcNow(), 4);

        Assert.Equal(4, first.Count);
        Assert.Equal(3, second.Count);
        Assert.Empty(first.Select(d => d.Id).Intersect(second.Select(d => d.Id)));
    }

    [Fact]
    public async Task Outbox_two_claimers_never_get_the_same_delivery()
    {
        var notification = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        const int Count = 60;
        await AddDeliveriesAsync(notification, Count);
        var now = Clock.GetUtcNow();

        // Several claimers (each its own scope, i.e. its own connection) race until nothing is left.
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var mine = new List<Delivery>();
            while (true)
            {
                var batch = await ClaimAsync($"worker-{worker}", now, 7);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch);
            }
        })));

        var all = claims.SelectMany(c => c).Select(d => d.Id).ToList();
        Assert.Equal(Count, all.Count);
        Assert.Equal(Count, all.Distinct().Count());
        foreach (var (batch, worker) in claims.Select((c, i) => (c, i)))
        {
            foreach (var delivery in batch)
            {
                Assert.Equal($"worker-{worker}", (await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(delivery.Id, OutboxToken)))!.LeaseOwner);
            }
        }
    }

    [Fact]
    public async Task Outbox_expired_lease_is_reclaimed_and_the_late_owner_cannot_complete()
    {
        var notification = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        await AddDeliveriesAsync(notification, 2);
        var now = Clock.GetUtcNow();
        var crashed = await ClaimAsync("crashed", now, 10);
        Assert.Equal(2, crashed.Count);

        Assert.Empty(await ClaimAsync("survivor", now + Lease - TimeSpan.FromSeconds(1), 10));
        var reclaimed = await ClaimAsync("survivor", now + Lease, 10);

        Assert.Equal(crashed.Select(d => d.Id).Order(), reclaimed.Select(d => d.Id).Order());
        Assert.All(reclaimed, d => Assert.Equal("survivor", d.LeaseOwner));
        var late = crashed.Select(d => d with { Status = DeliveryStatus.Sent, Attempts = 1, SentAt = now, UpdatedAt = now }).ToList();
        Assert.Equal(0, await In<INotificationStore, int>(s => s.CompleteDeliveriesAsync("crashed", late, OutboxToken)));
        var stored = await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(crashed[0].Id, OutboxToken));
        Assert.Equal(DeliveryStatus.Sending, stored!.Status);
        Assert.Equal("survivor", stored.LeaseOwner);
    }

    [Fact]
    public async Task Outbox_completion_records_each_outcome_and_clears_the_lease()
    {
        var notification = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        await AddDeliveriesAsync(notification, 4);
        var now = Clock.GetUtcNow();
        var claimed = (await ClaimAsync("worker-a", now, 10)).OrderBy(d => d.Id).ToList();
        var retryAt = now.AddSeconds(30);
        var outcomes = new List<Delivery>
        {
            claimed[0] with { Status = DeliveryStatus.Sent, Attempts = 1, SentAt = now, UpdatedAt = now },
            claimed[1] with { Status = DeliveryStatus.Failed, Attempts = 5, LastError = "503 after 5 attempts", UpdatedAt = now },
            claimed[2] with { Status = DeliveryStatus.Skipped, Attempts = 1, LastError = DeliveryReasons.Unreachable, UpdatedAt = now },
            claimed[3] with { Status = DeliveryStatus.Pending, Attempts = 1, NextAttemptAt = retryAt, LastError = "timeout", UpdatedAt = now },
        };

        Assert.Equal(4, await In<INotificationStore, int>(s => s.CompleteDeliveriesAsync("worker-a", outcomes, OutboxToken)));

        foreach (var expected in outcomes)
        {
            var stored = (await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(expected.Id, OutboxToken)))!;
            Assert.Equal(expected.Status, stored.Status);
            Assert.Equal(expected.Attempts, stored.Attempts);
            Assert.Equal(expected.LastError, stored.LastError);
            Assert.Equal(expected.SentAt, stored.SentAt);
            Assert.Equal(expected.NextAttemptAt, stored.NextAttemptAt);
            Assert.Null(stored.LeaseOwner);
            Assert.Null(stored.LeaseExpiresAt);
            Assert.NotEqual(expected.ETag, stored.ETag);
        }

        // Completing twice writes nothing (no longer leased); the retry comes back at its time only.
        Assert.Equal(0, await In<INotificationStore, int>(s => s.CompleteDeliveriesAsync("worker-a", outcomes, OutboxToken)));
        Assert.Empty(await ClaimAsync("worker-b", now.AddSeconds(29), 10));
        var retried = Assert.Single(await ClaimAsync("worker-b", retryAt, 10));
        Assert.Equal(claimed[3].Id, retried.Id);
        Assert.Equal(1, retried.Attempts);
    }

    [Fact]
    public async Task Outbox_release_gives_back_only_the_owners_leases()
    {
        var notification = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        await AddDeliveriesAsync(notification, 5);
        var now = Clock.GetUtcNow();
        var mine = await ClaimAsync("stopping", now, 3);
        var theirs = await ClaimAsync("other", now, 3);
        Assert.Equal(3, mine.Count);
        Assert.Equal(2, theirs.Count);

        Assert.Equal(3, await In<INotificationStore, int>(s => s.ReleaseLeasesAsync("stopping", OutboxToken)));

        var again = await ClaimAsync("next", now, 10);
        Assert.Equal(mine.Select(d => d.Id).Order(), again.Select(d => d.Id).Order());
        Assert.Equal(0, await In<INotificationStore, int>(s => s.ReleaseLeasesAsync("stopping", OutboxToken)));
        Assert.Equal("other", (await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(theirs[0].Id, OutboxToken)))!.LeaseOwner);
    }

    [Fact]
    public async Task Outbox_progress_counts_each_state_and_the_unreachable()
    {
        var notification = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        await AddDeliveriesAsync(notification, 7);
        var now = Clock.GetUtcNow();
        var claimed = (await ClaimAsync("w", now, 5)).OrderBy(d => d.Id).ToList();
        await In<INotificationStore, int>(s => s.CompleteDeliveriesAsync("w",
        [
            claimed[0] with { Status = DeliveryStatus.Sent, Attempts = 1, SentAt = now, UpdatedAt = now },
            claimed[1] with { Status = DeliveryStatus.Sent, Attempts = 1, SentAt = now, UpdatedAt = now },
            claimed[2] with { Status = DeliveryStatus.Failed, Attempts = 5, LastError = "400", UpdatedAt = now },
            claimed[3] with { Status = DeliveryStatus.Skipped, Attempts = 1, LastError = DeliveryReasons.Unreachable, UpdatedAt = now },
        ], OutboxToken));

        var progress = await In<INotificationStore, DeliveryProgress>(s => s.GetDeliveryProgressAsync(notification.Id, OutboxToken));

        Assert.Equal(new DeliveryProgress(Pending: 2, Sending: 1, Sent: 2, Failed: 1, Skipped: 1, Unreachable: 1), progress);
        Assert.Equal(7, progress.Total);
        Assert.False(progress.IsComplete);
    }

    [Fact]
    public async Task Outbox_withdrawn_notification_deliveries_are_claimed_first_and_at_once_but_never_a_live_lease()
    {
        var queued = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        var withdrawn = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        var now = Clock.GetUtcNow();
        string KeyOf(Delivery d) => d.IdempotencyKey[(d.NotificationId.Length + 1)..];

        // Before the withdrawal: one was sent, one is held by a crashed dispatcher (its lease ends now), one by a live one.
        await In<INotificationStore, int>(s => s.AddDeliveriesAsync([NewDelivery(withdrawn, "sent"), NewDelivery(withdrawn, "crashed"), NewDelivery(withdrawn, "leased")], OutboxToken));
        var early = (await ClaimAsync("crashed-instance", now - Lease, 10)).ToDictionary(KeyOf);
        Assert.Equal(3, early.Count);
        await In<INotificationStore, int>(s => s.CompleteDeliveriesAsync("crashed-instance",
            [early["sent"] with { Status = DeliveryStatus.Sent, Attempts = 1, SentAt = now, UpdatedAt = now }, early["leased"] with { Status = DeliveryStatus.Pending, UpdatedAt = now }], OutboxToken));
        Assert.Equal("leased", KeyOf(Assert.Single(await ClaimAsync("live", now - TimeSpan.FromSeconds(1), 10))));

        // Still to send: one due now, one deferred by quiet hours to ten hours from now; and a queued notification's three.
        await In<INotificationStore, int>(s => s.AddDeliveriesAsync(
            [NewDelivery(withdrawn, "due"), NewDelivery(withdrawn, "quiet") with { NextAttemptAt = now.AddHours(10), LastError = DeliveryReasons.QuietHours }], OutboxToken));
        await AddDeliveriesAsync(queued, 3);
        var current = (await In<INotificationStore, Notification?>(s => s.GetAsync(withdrawn.Id, OutboxToken)))!;
        await In<INotificationStore, Notification>(s => s.SaveAsync(current with { Status = NotificationStatus.Cancelling }, OutboxToken));

        // Withdrawn first and at once (the deferred one too, and the crashed instance's); never the live lease.
        var first = await ClaimAsync("survivor", now, 3);
        Assert.Equal(["crashed", "due", "quiet"], first.Select(KeyOf).Order(StringComparer.Ordinal));
        Assert.All(first, d => Assert.Equal(withdrawn.Id, d.NotificationId));
        var rest = await ClaimAsync("survivor", now, 10);
        Assert.Equal(3, rest.Count);
        Assert.All(rest, d => Assert.Equal(queued.Id, d.NotificationId));

        // Marked withdrawn, they are counted apart from the other skipped deliveries.
        await In<INotificationStore, int>(s => s.CompleteDeliveriesAsync("survivor",
            [.. first.Select(d => d with { Status = DeliveryStatus.Skipped, LastError = DeliveryReasons.Withdrawn, NextAttemptAt = null, UpdatedAt = now })], OutboxToken));
        var progress = await In<INotificationStore, DeliveryProgress>(s => s.GetDeliveryProgressAsync(withdrawn.Id, OutboxToken));
        Assert.Equal(new DeliveryProgress(Pending: 0, Sending: 1, Sent: 1, Failed: 0, Skipped: 3, Unreachable: 0, Withdrawn: 3), progress);
    }

    [Fact]
    public async Task Outbox_capped_send_count_ignores_final_results_older_sends_and_unsent()
    {
        var news = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        var results = await SaveNotificationAsync(NotificationKind.FinalResults, NotificationStatus.Queued);
        var interim = await SaveNotificationAsync(NotificationKind.InterimReport, NotificationStatus.Queued);
        await In<INotificationStore, int>(s => s.AddDeliveriesAsync(
        [
            NewDelivery(news, "alice", "alice"), NewDelivery(results, "alice", "alice"), NewDelivery(interim, "alice", "alice"),
            NewDelivery(news, "bob", "bob"), NewDelivery(interim, "bob", "bob"), NewDelivery(results, "carol", "carol"),
        ], OutboxToken));
        var start = Clock.GetUtcNow();
        var claimed = await ClaimAsync("w", start, 10);
        Assert.Equal(6, claimed.Count);
        var outcomes = claimed.Select(d => d.ParticipantId == "bob" && d.NotificationId == interim.Id
            ? d with { Status = DeliveryStatus.Failed, Attempts = 5, LastError = "503", UpdatedAt = start }
            : d with { Status = DeliveryStatus.Sent, Attempts = 1, SentAt = d.ParticipantId == "bob" ? start.AddDays(-8) : start, UpdatedAt = start }).ToList();
        await In<INotificationStore, int>(s => s.CompleteDeliveriesAsync("w", outcomes, OutboxToken));

        var counts = await In<INotificationStore, IReadOnlyDictionary<string, int>>(s => s.CountCappedSendsSinceAsync(["alice", "bob", "carol", "dave"], start.AddDays(-7), OutboxToken));

        Assert.Equal(2, counts["alice"]); // news + interim; final results do not count
        Assert.False(counts.ContainsKey("bob")); // one sent 8 days ago, one failed
        Assert.False(counts.ContainsKey("carol")); // final results only
        Assert.False(counts.ContainsKey("dave"));
    }

    [Fact]
    public async Task Outbox_recipients_of_a_batch_are_read_as_the_single_reads_return_them()
    {
        var notification = await SaveNotificationAsync(NotificationKind.News, NotificationStatus.Queued);
        await In<IParticipantStore, Participant>(s => s.SaveAsync(
            SampleParticipant("alice", "u-alice", new Subscription("zoo", SubscriptionTopics.Events), new Subscription("parc", SubscriptionTopics.News | SubscriptionTopics.Results)), OutboxToken));
        await In<IParticipantStore, Participant>(s => s.SaveAsync(SampleParticipant("bob", "u-bob") with { PreferredLanguage = null, AadObjectId = null, Consents = [] }, OutboxToken));
        var aliceTeams = await SaveReferenceAsync("alice", "a:conv-alice", Reachability.Reachable, "tenant-1");
        var aliceWeb = await SaveReferenceAsync("alice", "webchat-alice", Reachability.Unknown, null, ChatClient.GenericDirectLine, "Europe/Paris");
        var bobTeams = await SaveReferenceAsync("bob", "a:conv-bob", Reachability.Unreachable, "tenant-1");

        // More ids than one query takes (the relational stores read in chunks of 500): the known ones come last.
        var deliveries = Enumerable.Range(0, 520).Select(i => NewDelivery(notification, "gone-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        deliveries.Add(NewDelivery(notification, "a1", "alice") with { ConversationReferenceId = aliceTeams.Id });
        deliveries.Add(NewDelivery(notification, "a2", "alice") with { ConversationReferenceId = aliceWeb.Id });
        deliveries.Add(NewDelivery(notification, "b1", "bob") with { ConversationReferenceId = bobTeams.Id });
        deliveries.Add(NewDelivery(notification, "b2", "bob"));

        var recipients = await In<INotificationStore, DeliveryRecipients>(s => s.GetRecipientsAsync(deliveries, OutboxToken));

        Assert.Equal(["alice", "bob"], recipients.Participants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { aliceTeams.Id, aliceWeb.Id, bobTeams.Id }.Order(StringComparer.Ordinal), recipients.References.Keys.Order(StringComparer.Ordinal));
        foreach (var id in new[] { "alice", "bob" })
        {
            var single = await In<IParticipantStore, Participant?>(s => s.GetAsync(id, OutboxToken));
            Assert.Equal(StorageJson.Serialize(single), StorageJson.Serialize(recipients.Participants[id]));
        }

        Assert.Equal(2, recipients.Participants["alice"].Subscriptions.Count);
        Assert.Equal(Reachability.Unreachable, recipients.References[bobTeams.Id].Reachability);
        Assert.Equal(ChatClient.GenericDirectLine, recipients.References[aliceWeb.Id].Client);
        Assert.Null(recipients.References[aliceTeams.Id].Client);
        Assert.Equal("Europe/Paris", recipients.References[aliceWeb.Id].TimeZone);
        Assert.Null(recipients.References[aliceTeams.Id].TimeZone);
        foreach (var reference in new[] { aliceTeams, aliceWeb, bobTeams })
        {
            var single = await In<IConversationReferenceStore, ConversationReferenceRecord?>(s => s.GetAsync(reference.Id, OutboxToken));
            Assert.Equal(StorageJson.Serialize(single), StorageJson.Serialize(recipients.References[reference.Id]));
        }

        // Erased meanwhile: absent.
        Assert.True(await In<IParticipantStore, bool>(s => s.DeleteAsync("bob", null, OutboxToken)));
        Assert.True(await In<IConversationReferenceStore, bool>(s => s.DeleteAsync(aliceWeb.Id, null, OutboxToken)));
        var after = await In<INotificationStore, DeliveryRecipients>(s => s.GetRecipientsAsync(deliveries, OutboxToken));
        Assert.Equal(["alice"], after.Participants.Keys);
        Assert.False(after.References.ContainsKey(aliceWeb.Id));
        Assert.Empty((await In<INotificationStore, DeliveryRecipients>(s => s.GetRecipientsAsync([], OutboxToken))).Participants);
    }

    private Task<ConversationReferenceRecord> SaveReferenceAsync(
        string participantId, string conversationId, Reachability reachability, string? tenantId, ChatClient? client = null, string? timeZone = null) =>
        In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(new ConversationReferenceRecord
        {
            Id = ConversationReferenceRecord.CreateId("msteams", conversationId, "u-" + participantId),
            ParticipantId = participantId,
            ChannelId = "msteams",
            ServiceUrl = new Uri("https://smba.trafficmanager.net/amer/"),
            ConversationId = conversationId,
            ConversationType = tenantId is null ? null : "personal",
            TenantId = tenantId,
            UserId = "u-" + participantId,
            BotId = "28:bot",
            Locale = tenantId is null ? null : "fr-CA",
            LastConfirmedAt = StorageHost.Start,
            Reachability = reachability,
            Client = client,
            TimeZone = timeZone,
        }, OutboxToken));

    private async Task<Notification> SaveNotificationAsync(NotificationKind kind, NotificationStatus status) =>
        await In<INotificationStore, Notification>(s => s.SaveAsync(new Notification
        {
            Id = Ids.New(),
            ProjectSlug = "parc",
            Topic = kind == NotificationKind.News ? SubscriptionTopics.News : SubscriptionTopics.Results,
            Kind = kind,
            Title = new LocalizedText("Titre", "Title"),
            Body = new LocalizedText("Corps", "Body"),
            CreatedBy = "staff-1",
            CreatedAt = Clock.GetUtcNow(),
            Status = status,
        }, OutboxToken));

    private Delivery NewDelivery(Notification notification, string suffix, string? participantId = null) => new()
    {
        Id = Ids.New(),
        NotificationId = notification.Id,
        ParticipantId = participantId ?? "p-" + suffix,
        ConversationReferenceId = "ref-" + suffix,
        IdempotencyKey = notification.Id + ":" + suffix,
        CreatedAt = Clock.GetUtcNow(),
        UpdatedAt = Clock.GetUtcNow(),
    };

    private Task<int> AddDeliveriesAsync(Notification notification, int count) =>
        In<INotificationStore, int>(s => s.AddDeliveriesAsync(Enumerable.Range(0, count).Select(i => NewDelivery(notification, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), OutboxToken));

    private Task<IReadOnlyList<Delivery>> ClaimAsync(string owner, DateTimeOffset now, int max) =>
        In<INotificationStore, IReadOnlyList<Delivery>>(s => s.ClaimDueDeliveriesAsync(owner, now, Lease, max, OutboxToken));
}
