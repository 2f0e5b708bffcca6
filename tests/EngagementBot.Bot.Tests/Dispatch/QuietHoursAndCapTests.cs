using EngagementBot.Bot.Proactive.Dispatch;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Bot.Tests.Dispatch;

/// <summary>
/// Quiet hours and the weekly frequency cap, on a controlled clock: the real bot (dispatcher driven one batch at a
/// time, storage on SQLite) sending to a loopback connector.
/// </summary>
public sealed class QuietHoursAndCapTests : IAsyncLifetime
{
    // 23:30 in Toronto on a winter evening (UTC-5).
    private static readonly DateTimeOffset LateEvening = new(2026, 1, 15, 23, 30, 0, TimeSpan.FromHours(-5));

    private readonly ManualTimeProvider _clock = new(LateEvening);
    private ConnectorStubServer _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorStubServer.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task A_message_due_in_quiet_hours_waits_until_they_end_final_results_too()
    {
        await using var bot = Bot(new() { ["Dispatch:QuietHours:Start"] = "21:00", ["Dispatch:QuietHours:End"] = "08:00" });
        var recipients = await OutboxSeeder.SeedRecipientsAsync(bot.Services, _connector.ServiceUrl, 1, at: _clock.GetUtcNow());
        var news = await OutboxSeeder.SaveNotificationAsync(bot.Services, NotificationKind.News, at: _clock.GetUtcNow());
        var results = await OutboxSeeder.SaveNotificationAsync(bot.Services, NotificationKind.FinalResults, at: _clock.GetUtcNow());
        var newsDelivery = (await OutboxSeeder.AddDeliveriesAsync(bot.Services, news, recipients, _clock.GetUtcNow()))[0];
        var resultsDelivery = (await OutboxSeeder.AddDeliveriesAsync(bot.Services, results, recipients, _clock.GetUtcNow()))[0];
        var dispatcher = bot.Services.GetRequiredService<ProactiveDispatcher>();

        Assert.Equal(2, await dispatcher.DispatchOnceAsync(CancellationToken.None));

        Assert.Empty(_connector.SentActivities);
        var endOfQuiet = new DateTimeOffset(2026, 1, 16, 8, 0, 0, TimeSpan.FromHours(-5));
        foreach (var id in new[] { newsDelivery.DeliveryId, resultsDelivery.DeliveryId })
        {
            var deferred = await OutboxSeeder.DeliveryAsync(bot.Services, id);
            Assert.Equal(DeliveryStatus.Pending, deferred.Status);
            Assert.Equal(endOfQuiet, deferred.NextAttemptAt);
            Assert.Equal(DeliveryReasons.QuietHours, deferred.LastError);
            Assert.Equal(0, deferred.Attempts);
        }

        _clock.Advance(endOfQuiet - _clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Empty(_connector.SentActivities);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await dispatcher.DispatchOnceAsync(CancellationToken.None));

        Assert.Equal(2, _connector.SentActivities.Count);
        Assert.All(_connector.SentActivities, a => Assert.Equal(recipients[0].ConversationId, a.Conversation!.Id));
        Assert.Equal(DeliveryStatus.Sent, (await OutboxSeeder.DeliveryAsync(bot.Services, newsDelivery.DeliveryId)).Status);
        Assert.Equal(endOfQuiet, (await OutboxSeeder.DeliveryAsync(bot.Services, resultsDelivery.DeliveryId)).SentAt);
    }

    [Fact]
    public async Task Quiet_hours_follow_the_time_zone_each_participants_client_reported()
    {
        // 16:30 in Toronto is 22:30 in Paris and 06:30 the next morning in Tokyo.
        _clock.Advance(TimeSpan.FromHours(17));
        await using var bot = Bot(new() { ["Dispatch:QuietHours:Start"] = "21:00", ["Dispatch:QuietHours:End"] = "08:00" });
        string?[] zones = [null, "Europe/Paris", "Asia/Tokyo", "Not/AZone"];
        var recipients = await OutboxSeeder.SeedRecipientsAsync(bot.Services, _connector.ServiceUrl, zones.Length, at: _clock.GetUtcNow(), timeZoneOf: i => zones[i]);
        var news = await OutboxSeeder.SaveNotificationAsync(bot.Services, NotificationKind.News, at: _clock.GetUtcNow());
        var deliveries = await OutboxSeeder.AddDeliveriesAsync(bot.Services, news, recipients, _clock.GetUtcNow());
        var dispatcher = bot.Services.GetRequiredService<ProactiveDispatcher>();

        Assert.Equal(4, await dispatcher.DispatchOnceAsync(CancellationToken.None));

        // No zone reported, or one this machine does not know: the configured zone (Toronto), where it is afternoon.
        Assert.Equal([recipients[0].ConversationId, recipients[3].ConversationId], _connector.SentActivities.Select(a => a.Conversation!.Id).Order(StringComparer.Ordinal));
        var paris = await OutboxSeeder.DeliveryAsync(bot.Services, deliveries[1].DeliveryId);
        var tokyo = await OutboxSeeder.DeliveryAsync(bot.Services, deliveries[2].DeliveryId);
        Assert.Equal((DeliveryStatus.Pending, DeliveryReasons.QuietHours), (paris.Status, paris.LastError));
        Assert.Equal(new DateTimeOffset(2026, 1, 17, 8, 0, 0, TimeSpan.FromHours(1)), paris.NextAttemptAt); // 08:00 in Paris
        Assert.Equal(new DateTimeOffset(2026, 1, 17, 8, 0, 0, TimeSpan.FromHours(9)), tokyo.NextAttemptAt); // 08:00 in Tokyo = 18:00 in Toronto

        // At 18:00 in Toronto it is 08:00 in Tokyo (sent) and midnight in Paris (still waiting).
        _clock.Advance(tokyo.NextAttemptAt!.Value - _clock.GetUtcNow());
        Assert.Equal(1, await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(recipients[2].ConversationId, _connector.SentActivities[^1].Conversation!.Id);
        Assert.Equal(DeliveryStatus.Pending, (await OutboxSeeder.DeliveryAsync(bot.Services, deliveries[1].DeliveryId)).Status);

        _clock.Advance(paris.NextAttemptAt!.Value - _clock.GetUtcNow());
        Assert.Equal(1, await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(recipients[1].ConversationId, _connector.SentActivities[^1].Conversation!.Id);
        Assert.Equal(4, _connector.SentActivities.Count);
    }

    [Fact]
    public async Task Outside_quiet_hours_a_message_goes_at_once()
    {
        _clock.Advance(TimeSpan.FromHours(10)); // 09:30 the next morning
        await using var bot = Bot([]);
        var recipients = await OutboxSeeder.SeedRecipientsAsync(bot.Services, _connector.ServiceUrl, 1, at: _clock.GetUtcNow());
        var news = await OutboxSeeder.SaveNotificationAsync(bot.Services, NotificationKind.News, at: _clock.GetUtcNow());
        await OutboxSeeder.AddDeliveriesAsync(bot.Services, news, recipients, _clock.GetUtcNow());

        Assert.Equal(1, await bot.Services.GetRequiredService<ProactiveDispatcher>().DispatchOnceAsync(CancellationToken.None));

        Assert.Single(_connector.SentActivities);
    }

    [Fact]
    public async Task The_weekly_cap_skips_extra_news_but_not_final_results_and_frees_up_after_seven_days()
    {
        _clock.Advance(TimeSpan.FromHours(12)); // 11:30, outside quiet hours
        await using var bot = Bot(new() { ["Dispatch:FrequencyCap:MaxPerWeek"] = "2" });
        var recipients = await OutboxSeeder.SeedRecipientsAsync(bot.Services, _connector.ServiceUrl, 1, at: _clock.GetUtcNow());
        var dispatcher = bot.Services.GetRequiredService<ProactiveDispatcher>();

        async Task<Delivery> PublishAsync(NotificationKind kind, string title)
        {
            var notification = await OutboxSeeder.SaveNotificationAsync(bot.Services, kind, title, _clock.GetUtcNow());
            var seeded = (await OutboxSeeder.AddDeliveriesAsync(bot.Services, notification, recipients, _clock.GetUtcNow()))[0];
            Assert.Equal(1, await dispatcher.DispatchOnceAsync(CancellationToken.None));
            _clock.Advance(TimeSpan.FromHours(1));
            return await OutboxSeeder.DeliveryAsync(bot.Services, seeded.DeliveryId);
        }

        Assert.Equal(DeliveryStatus.Sent, (await PublishAsync(NotificationKind.News, "n1")).Status);
        Assert.Equal(DeliveryStatus.Sent, (await PublishAsync(NotificationKind.InterimReport, "i1")).Status);
        var capped = await PublishAsync(NotificationKind.News, "n2");
        var results = await PublishAsync(NotificationKind.FinalResults, "f1");

        Assert.Equal(DeliveryStatus.Skipped, capped.Status);
        Assert.Equal(DeliveryReasons.FrequencyCap, capped.LastError);
        Assert.Equal(DeliveryStatus.Sent, results.Status);
        Assert.Equal(["Title n1", "Title i1", "Title f1"], Titles());

        // Seven days after the first two, the budget is back.
        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromHours(3));
        Assert.Equal(DeliveryStatus.Sent, (await PublishAsync(NotificationKind.News, "n3")).Status);
        Assert.Equal("Title n3", Titles()[^1]);
    }

    private List<string> Titles() =>
        _connector.SentActivities.Select(a => a.Text!).Select(t => t.Split('\n')[0].Trim('*')).Select(t => t.StartsWith("Titre", StringComparison.Ordinal) ? "Title" + t["Titre".Length..] : t).ToList();

    private BotApplicationFactory Bot(Dictionary<string, string?> overrides)
    {
        var settings = FanOutTests.FastDispatch();
        settings["Dispatch:Enabled"] = "false"; // driven batch by batch below
        settings["Dispatch:QuietHours:Enabled"] = "true";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new BotApplicationFactory(settings, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));

            // The cap and quiet hours are about which messages go, not their wording: titles identify them.
            services.Replace(ServiceDescriptor.Scoped<INotificationComposer, PlainNotificationComposer>());
        });
    }
}
