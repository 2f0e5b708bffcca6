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
