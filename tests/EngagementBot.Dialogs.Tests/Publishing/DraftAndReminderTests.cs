using EngagementBot.Dialogs.Publishing;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Dialogs.Tests.Publishing;

/// <summary>Draft validation (FR/EN errors) and event reminders on real SQLite with a controlled clock.</summary>
public sealed class DraftAndReminderTests : IAsyncLifetime
{
    // The demo's co-design workshop starts 2026-11-28 09:30 in Toronto (14:30 UTC).
    private static readonly DateTimeOffset Workshop = new(2026, 11, 28, 14, 30, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Workshop.AddDays(-1));
    private PublishingStorageHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await PublishingStorageHost.StartAsync(
            new() { ["Publishing:ReminderLeadTime"] = "2.00:00:00" },
            services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void A_draft_needs_a_title_and_body_in_at_least_one_language_and_an_https_link()
    {
        var (_, empty) = DraftValidator.Validate(new NotificationDraft("p", NotificationKind.News, null, new DraftText(" ", null), null), 4000);
        var (_, noBody) = DraftValidator.Validate(new NotificationDraft("p", NotificationKind.News, new DraftText("Titre", null), null, "http://x.example"), 4000);
        var (oneLanguage, none) = DraftValidator.Validate(new NotificationDraft("p", NotificationKind.News, null, new DraftText("Title", "Body"), "https://x.example/a"), 4000);

        Assert.Equal("the text is empty: give at least a title in one language.", Assert.Single(empty).Describe("en"));
        Assert.Equal(["le texte français a un titre mais pas de corps.", "le lien doit être une adresse https complète."], noBody.Select(e => e.Describe("fr")));
        Assert.Equal(["the French text has a title but no body.", "the link must be an absolute https address."], noBody.Select(e => e.Describe("en")));
        Assert.Empty(none);
        Assert.True(oneLanguage!.OneLanguageOnly);
        Assert.Equal(new LocalizedText("Title", "Title"), oneLanguage.Title);
    }

    [Fact]
    public async Task A_participant_who_asked_gets_one_reminder_with_the_registration_link_however_often_the_scan_runs()
    {
        var asked = await _host.AddParticipantAsync("fr", SubscriptionTopics.None, Reachability.Reachable);
        var follower = await _host.AddParticipantAsync("en", SubscriptionTopics.Events, Reachability.Reachable);
        await _host.AddParticipantAsync("en", SubscriptionTopics.News, Reachability.Reachable);
        await _host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ReminderOptIns>().AddAsync(PublishingStorageHost.Project, "atelier-codesign", asked.Id, default);
            await sp.GetRequiredService<ReminderOptIns>().AddAsync(PublishingStorageHost.Project, "atelier-codesign", asked.Id, default);
            return 0;
        });

        var first = await RunScanAsync();
        var second = await RunScanAsync();

        Assert.Equal(2, first);
        Assert.Equal(0, second);
        var id = EventReminderScheduler.NotificationIdFor(PublishingStorageHost.Project, "atelier-codesign");
        var (notification, deliveries) = await _host.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<INotificationStore>();
            return ((await store.GetAsync(id, default))!, (await store.ListDeliveriesAsync(id, PageRequest.First(), default)).Items);
        });
        // (Kind is persisted by the outbox branch's store change; the topic is persisted already.)
        Assert.Equal(SubscriptionTopics.Events, notification.Topic);
        Assert.Equal(NotificationStatus.Queued, notification.Status);
        Assert.Equal("Co-design workshop", notification.Title.En);
        Assert.Equal(new Uri("https://participer.riviere-claire.example/berges/atelier-codesign"), notification.Link);
        Assert.Contains("Coming up on November 28, 2026 at 9:30", notification.Body.En, StringComparison.Ordinal);
        Assert.Contains("À venir le 28 novembre 2026 à 9 h 30", notification.Body.Fr, StringComparison.Ordinal);
        Assert.Equal([asked.Id, follower.Id], deliveries.Select(d => d.ParticipantId).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d => Assert.StartsWith("reminder:parc-des-berges:atelier-codesign:", d.IdempotencyKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_opt_ins_arriving_together_for_a_key_date_nobody_asked_for_yet_are_both_kept()
    {
        var first = await _host.AddParticipantAsync("fr", SubscriptionTopics.None, Reachability.Reachable);
        var second = await _host.AddParticipantAsync("en", SubscriptionTopics.None, Reachability.Reachable);

        // Both read "nobody yet" before either writes (the store holds each first read until both have read).
        var rendezvous = new FirstReadsRendezvous(2);
        await Task.WhenAll(new[] { first.Id, second.Id }.Select(id => Task.Run(() => _host.InScopeAsync(async sp =>
        {
            var optIns = new ReminderOptIns(rendezvous.Wrap(sp.GetRequiredService<IStateStore>()));
            await optIns.AddAsync(PublishingStorageHost.Project, "seance-virtuelle", id, default);
            return 0;
        }))));

        var listed = await _host.InScopeAsync(sp => sp.GetRequiredService<ReminderOptIns>().ListAsync(PublishingStorageHost.Project, "seance-virtuelle", default));
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_created_before_the_lead_time_or_when_nobody_asked()
    {
        await _host.AddParticipantAsync("fr", SubscriptionTopics.News, Reachability.Reachable);
        var nobody = await RunScanAsync();
        var asked = await _host.AddParticipantAsync("fr", SubscriptionTopics.None, Reachability.Reachable);
        await _host.InScopeAsync(async sp =>
        {
            // The online session is on 2026-12-03: five days after the clock, beyond the two-day lead time.
            await sp.GetRequiredService<ReminderOptIns>().AddAsync(PublishingStorageHost.Project, "seance-virtuelle", asked.Id, default);
            return 0;
        });
        var tooEarly = await RunScanAsync();
        _clock.Advance(TimeSpan.FromDays(5));
        var due = await RunScanAsync();

        Assert.Equal(0, nobody);
        Assert.Equal(0, tooEarly);
        Assert.Equal(1, due);
        var workshopReminder = await _host.InScopeAsync(sp => sp.GetRequiredService<INotificationStore>()
            .GetAsync(EventReminderScheduler.NotificationIdFor(PublishingStorageHost.Project, "atelier-codesign"), default));
        Assert.Null(workshopReminder);
    }

    private Task<int> RunScanAsync() => _host.InScopeAsync(sp => sp.GetRequiredService<EventReminderScheduler>().RunOnceAsync(default));

    /// <summary>Holds the first <c>count</c> reads of the state store until all of them have read.</summary>
    private sealed class FirstReadsRendezvous(int count)
    {
        private readonly TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public IStateStore Wrap(IStateStore inner) => new Store(inner, this);

        private async Task ArriveAsync()
        {
            var arrived = Interlocked.Increment(ref _reads);
            if (arrived > count)
            {
                return;
            }

            if (arrived == count)
            {
                _allRead.SetResult();
            }

            await _allRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        private sealed class Store(IStateStore inner, FirstReadsRendezvous rendezvous) : IStateStore
        {
            public async Task<IReadOnlyDictionary<string, StateItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
            {
                var items = await inner.ReadAsync(keys, cancellationToken);
                await rendezvous.ArriveAsync();
                return items;
            }

            public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyCollection<StateChange> changes, CancellationToken cancellationToken) =>
                inner.WriteAsync(changes, cancellationToken);

            public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => inner.DeleteAsync(keys, cancellationToken);
        }
    }
}
