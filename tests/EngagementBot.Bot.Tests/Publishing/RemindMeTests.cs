using EngagementBot.Bot.Proactive.Dispatch;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Dialogs.Publishing;
using EngagementBot.Storage;
using EngagementBot.Storage.Content;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>
/// A citizen asks "remind me" in Web Chat, picks an event, and the reminder scan (run as the worker does, with the
/// clock moved to within the lead time) writes exactly one delivery to that conversation with the registration link;
/// the dispatcher sends it, in the citizen's language, though they subscribed to nothing else — unless they said "stop".
/// </summary>
public sealed class RemindMeTests : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private ConnectorStubServer _channel = null!;
    private BotApplicationFactory _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _channel = await ConnectorStubServer.StartAsync();
        _bot = new BotApplicationFactory(
            new() { ["Storage:SeedDemoContent"] = "true", ["Publishing:RemindersEnabled"] = "false", ["Publishing:ReminderLeadTime"] = "2.00:00:00", ["Dispatch:Enabled"] = "false" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _client = new HttpClient { BaseAddress = _bot.BaseAddress };

        // Start-up seeding moved the demo's timeline to the clock; this test quotes the authored key dates, so the demo
        // is imported again with its dates as written (as the import command does).
        await using var scope = _bot.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportFolderAsync(ContentImporter.DemoContentFolder, default)).Succeeded);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Remind_me_then_pick_an_event_gets_one_reminder_before_it()
    {
        var chat = new ConsultationChat(_client, _channel, "en-US", Channels.WebChat);

        var offer = await chat.SayAsync("remind me");
        offer.Contains("Co-design workshop (November 28, 2026 at 9:30");
        offer.Contains("Online information session (December 3, 2026 at 7:00");
        var picked = await chat.SayAsync("1");
        picked.Contains("Noted: I'll remind you of «Co-design workshop» (November 28, 2026 at 9:30");

        Assert.Equal(0, await ScanAsync());
        _clock.MoveTo(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero)); // 10:00 in Toronto, the day before
        Assert.Equal(1, await ScanAsync());
        Assert.Equal(0, await ScanAsync());

        var id = EventReminderScheduler.NotificationIdFor("parc-des-berges", "atelier-codesign");
        await using var scope = _bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        var notification = (await store.GetAsync(id, default))!;
        Assert.Equal(new Uri("https://participer.riviere-claire.example/berges/atelier-codesign"), notification.Link);
        var delivery = Assert.Single((await store.ListDeliveriesAsync(id, PageRequest.First(), default)).Items);
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync(Channels.WebChat, chat.UserId, default);
        Assert.Equal(participant!.Id, delivery.ParticipantId);

        // The dispatcher sends it to the conversation where the citizen asked, though they never subscribed to news.
        Assert.Equal(1, await _bot.Services.GetRequiredService<ProactiveDispatcher>().DispatchOnceAsync(default));
        var reminder = await _channel.WaitForActivityAsync(a => a.Conversation?.Id == chat.ConversationId && a.ReplyToId is null && a.Text?.Contains("Co-design workshop", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10));
        Assert.Contains("November 28, 2026 at 9:30", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Sent, (await store.GetDeliveryAsync(delivery.Id, default))!.Status);
    }

    [Fact]
    public async Task The_event_can_be_picked_by_a_word_of_its_name()
    {
        var chat = new ConsultationChat(_client, _channel, "fr-CA", Channels.WebChat);
        (await chat.SayAsync("rappelle-moi")).Contains("Atelier de co-design");

        (await chat.SayAsync("l'atelier")).Contains("je vous rappellerai « Atelier de co-design »");
    }

    [Fact]
    public async Task Stop_cancels_the_reminders_asked_for()
    {
        var chat = new ConsultationChat(_client, _channel, "fr-CA", Channels.WebChat);
        (await chat.SayAsync("rappelle-moi")).Contains("Atelier de co-design");
        (await chat.SayAsync("1")).Contains("Atelier de co-design");

        var stop = await chat.SayAsync("arrêt");
        stop.Contains("vous ne recevrez plus de messages de ma part");

        _clock.MoveTo(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await ScanAsync()); // the opt-in is still listed: the delivery is written …
        Assert.Equal(1, await _bot.Services.GetRequiredService<ProactiveDispatcher>().DispatchOnceAsync(default));

        // … and the dispatcher skips it: after "stop" nothing is sent.
        Assert.DoesNotContain(_channel.SentActivities, a => a.Conversation?.Id == chat.ConversationId && a.ReplyToId is null);
        await using var scope = _bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        var delivery = Assert.Single((await store.ListDeliveriesAsync(EventReminderScheduler.NotificationIdFor("parc-des-berges", "atelier-codesign"), PageRequest.First(), default)).Items);
        Assert.Equal((DeliveryStatus.Skipped, DeliveryReasons.Unsubscribed), (delivery.Status, delivery.LastError));
    }

    [Fact]
    public async Task The_reminders_asked_for_are_in_the_data_export_and_forgotten_with_the_rest()
    {
        var chat = new ConsultationChat(_client, _channel, "en-US", Channels.WebChat);
        var other = new ConsultationChat(_client, _channel, "fr-CA", Channels.WebChat);
        await chat.SayAsync("remind me");
        (await chat.SayAsync("2")).Contains("Online information session");
        await other.SayAsync("rappelle-moi");
        await other.SayAsync("2");
        Assert.Equal(2, (await OptInsAsync("seance-virtuelle")).Count);

        var export = await chat.SayAsync("what data do you have on me");
        var json = Assert.Single(export.Activities.SelectMany(a => a.Attachments ?? []), a => a.ContentType == AttachmentContentTypes.Json).Content!.Value;
        var reminder = Assert.Single(json.GetProperty("reminders").EnumerateArray()).GetString();
        Assert.StartsWith("parc-des-berges/seance-virtuelle: ", reminder, StringComparison.Ordinal);
        Assert.Contains("Online information session", reminder, StringComparison.Ordinal);

        (await chat.SayAsync("delete my data")).Contains("Erase everything?");
        await chat.SayAsync("yes");

        // Only the other citizen is still to be reminded; the erased one's id is gone from the list.
        await using var scope = _bot.Services.CreateAsyncScope();
        var remaining = Assert.Single(await OptInsAsync("seance-virtuelle"));
        var otherParticipant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync(Channels.WebChat, other.UserId, default);
        Assert.Equal(otherParticipant!.Id, remaining);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync(Channels.WebChat, chat.UserId, default));
    }

    private async Task<IReadOnlyList<string>> OptInsAsync(string keyDateId)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderOptIns>().ListAsync("parc-des-berges", keyDateId, default);
    }

    private async Task<int> ScanAsync()
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EventReminderScheduler>().RunOnceAsync(default);
    }

    /// <summary>The system clock moved to a chosen instant (timers and timestamps stay real).</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private TimeSpan _offset = start - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;

        public void MoveTo(DateTimeOffset instant) => _offset = instant - DateTimeOffset.UtcNow;
    }
}
