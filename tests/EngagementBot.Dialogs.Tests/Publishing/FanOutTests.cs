using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Publishing;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;
using DeliveryProgress = EngagementBot.Dialogs.Publishing.DeliveryProgress;

namespace EngagementBot.Dialogs.Tests.Publishing;

/// <summary>
/// Audience and fan-out on real SQLite: who is in the audience of each kind, one delivery per reachable conversation,
/// unreachable conversations recorded as skipped, paging, and re-running the fan-out adds nothing.
/// </summary>
public sealed class FanOutTests : IAsyncLifetime
{
    private PublishingStorageHost _host = null!;

    public async Task InitializeAsync() => _host = await PublishingStorageHost.StartAsync(new() { ["Publishing:FanOutPageSize"] = "2" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Each_kind_reaches_the_subscribers_of_its_topic_in_that_project_only()
    {
        await _host.AddParticipantAsync("fr", SubscriptionTopics.News, Reachability.Reachable);
        await _host.AddParticipantAsync("en", SubscriptionTopics.Results, Reachability.Reachable);
        await _host.AddParticipantAsync("fr", SubscriptionTopics.All, Reachability.Reachable);
        await _host.AddParticipantAsync("en", SubscriptionTopics.Events, Reachability.Reachable);
        await _host.AddParticipantAsync("fr", [new Subscription("another-project", SubscriptionTopics.All)], Reachability.Reachable);
        await _host.AddParticipantAsync("fr", SubscriptionTopics.None, Reachability.Reachable);

        var counts = await _host.InScopeAsync(async sp =>
        {
            var audience = sp.GetRequiredService<PublishingAudience>();
            return (
                News: await audience.CountAsync(PublishingStorageHost.Project, NotificationKind.News, default),
                Interim: await audience.CountAsync(PublishingStorageHost.Project, NotificationKind.InterimReport, default),
                Results: await audience.CountAsync(PublishingStorageHost.Project, NotificationKind.FinalResults, default),
                Reminders: await audience.CountAsync(PublishingStorageHost.Project, NotificationKind.EventReminder, default));
        });

        Assert.Equal((2, 2, 2, 2), counts);
    }

    [Fact]
    public async Task Fan_out_writes_one_delivery_per_conversation_marks_unreachable_ones_skipped_and_queues_the_notification()
    {
        var twoConversations = await _host.AddParticipantAsync("fr", SubscriptionTopics.Results, Reachability.Reachable, Reachability.Unknown);
        var unreachable = await _host.AddParticipantAsync("en", SubscriptionTopics.Results, Reachability.Unreachable);
        for (var i = 0; i < 5; i++)
        {
            await _host.AddParticipantAsync(i % 2 == 0 ? "fr" : "en", SubscriptionTopics.All, Reachability.Reachable);
        }

        await _host.AddParticipantAsync("fr", SubscriptionTopics.News, Reachability.Reachable);

        var (notification, result) = await PublishAsync(NotificationKind.FinalResults);

        Assert.Equal(new FanOutResult(Recipients: 7, Conversations: 8, Added: 8, Unreachable: 1), result);
        var (stored, deliveries, progress) = await ReadAsync(notification.Id);
        Assert.Equal(NotificationStatus.Queued, stored.Status);
        Assert.Equal(8, deliveries.Count);
        Assert.Equal(8, deliveries.Select(d => d.IdempotencyKey).Distinct().Count());
        Assert.All(deliveries, d => Assert.StartsWith(notification.Id + ":", d.IdempotencyKey, StringComparison.Ordinal));
        Assert.Equal(2, deliveries.Count(d => d.ParticipantId == twoConversations.Id));
        var skipped = Assert.Single(deliveries, d => d.Status == DeliveryStatus.Skipped);
        Assert.Equal(unreachable.Id, skipped.ParticipantId);
        Assert.Equal(NotificationPublisher.UnreachableReason, skipped.LastError);
        Assert.Equal(new DeliveryProgress(Total: 8, Sent: 0, Failed: 0, Unreachable: 1, Pending: 7), progress);
        Assert.Equal("0 / 8 sent, 0 failed, 1 unreachable, 7 pending", progress.Describe("en"));
    }

    [Fact]
    public async Task Running_the_fan_out_again_adds_nothing_and_later_subscribers_are_added_once()
    {
        for (var i = 0; i < 5; i++)
        {
            await _host.AddParticipantAsync("fr", SubscriptionTopics.News, Reachability.Reachable);
        }

        var (notification, first) = await PublishAsync(NotificationKind.News);
        var again = await _host.InScopeAsync(async sp => await sp.GetRequiredService<NotificationPublisher>().FanOutAsync(notification, default));
        await _host.AddParticipantAsync("en", SubscriptionTopics.News, Reachability.Reachable);
        var late = await _host.InScopeAsync(async sp => await sp.GetRequiredService<NotificationPublisher>().FanOutAsync(notification, default));

        Assert.Equal(5, first.Added);
        Assert.Equal(0, again.Added);
        Assert.Equal(1, late.Added);
        var (_, deliveries, _) = await ReadAsync(notification.Id);
        Assert.Equal(6, deliveries.Count);
    }

    [Fact]
    public async Task The_personal_composer_replaces_the_default_registration()
    {
        var composer = await _host.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<INotificationComposer>()));
        Assert.IsType<PersonalNotificationComposer>(composer);
    }

    [Fact]
    public async Task A_notification_withdrawn_while_its_fan_out_runs_gets_no_more_deliveries_and_stays_withdrawn()
    {
        for (var i = 0; i < 6; i++)
        {
            await _host.AddParticipantAsync("fr", SubscriptionTopics.News, Reachability.Reachable);
        }

        var notification = await _host.InScopeAsync(sp => sp.GetRequiredService<NotificationPublisher>().CreateDraftAsync(
            new ValidDraft(PublishingStorageHost.Project, NotificationKind.News, new LocalizedText("Titre", "Title"), new LocalizedText("Corps", "Body"), null, false), "test", default));

        // Three pages of two. Staff withdraw it while the second page is being read (the REST fan-out commits page by
        // page): that page is still written, the third is never asked for.
        async IAsyncEnumerable<IReadOnlyList<Participant>> PagesWithdrawnDuringTheSecond(PublishingAudience audience)
        {
            var index = 0;
            await foreach (var page in audience.PagesAsync(PublishingStorageHost.Project, NotificationKind.News, default))
            {
                if (index == 1)
                {
                    await _host.InScopeAsync(sp => sp.GetRequiredService<NotificationWithdrawal>().WithdrawAsync(notification.Id, "staff", default));
                }

                Assert.True(index < 2, "The fan-out asked for a page after the withdrawal.");
                yield return page;
                index++;
            }
        }

        var result = await _host.InScopeAsync(sp => sp.GetRequiredService<NotificationPublisher>().FanOutAsync(
            notification, PagesWithdrawnDuringTheSecond(sp.GetRequiredService<PublishingAudience>()), (_, reference) => $"{notification.Id}:{reference.Id}", default));

        Assert.Equal(4, result.Added);
        var (stored, deliveries, _) = await ReadAsync(notification.Id);
        Assert.Equal(4, deliveries.Count);
        Assert.Equal(NotificationStatus.Cancelling, stored.Status);
    }

    private Task<(Notification, FanOutResult)> PublishAsync(NotificationKind kind) => _host.InScopeAsync(async sp =>
    {
        var publisher = sp.GetRequiredService<NotificationPublisher>();
        var draft = new ValidDraft(PublishingStorageHost.Project, kind, new LocalizedText("Titre", "Title"), new LocalizedText("Corps", "Body"), null, false);
        var notification = await publisher.CreateDraftAsync(draft, "test", default);
        Assert.Equal(NotificationStatus.Draft, notification.Status);
        return (notification, await publisher.FanOutAsync(notification, default));
    });

    private Task<(Notification, List<Delivery>, DeliveryProgress)> ReadAsync(string notificationId) => _host.InScopeAsync(async sp =>
    {
        var store = sp.GetRequiredService<INotificationStore>();
        var deliveries = new List<Delivery>();
        string? token = null;
        do
        {
            var page = await store.ListDeliveriesAsync(notificationId, new PageRequest(3, token), default);
            deliveries.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var progress = await sp.GetRequiredService<IDeliveryProgressSource>().GetAsync(notificationId, default);
        return ((await store.GetAsync(notificationId, default))!, deliveries, progress);
    });
}
