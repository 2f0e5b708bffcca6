using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage.Domain;
using Xunit.Abstractions;

namespace EngagementBot.Bot.Tests.Dispatch;

/// <summary>
/// The bot as a separate process dispatching from a SQLite file to a loopback connector, stopped in the middle —
/// killed (SIGKILL) or shut down (SIGTERM) — and started again.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Recipients = 1_500;
    private const int Concurrency = 8;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementbot-crash", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Killed_mid_dispatch_and_restarted_every_delivery_is_sent_and_duplicates_stay_within_the_in_flight_bound()
    {
        await using var connector = await FaultInjectingConnector.StartAsync(acceptDelay: TimeSpan.FromMilliseconds(20), keepLog: false);
        var (notification, recipients) = await SeedAsync(connector.ServiceUrl);

        await using (var first = BotProcess.Start(Settings()))
        {
            await WaitAsync(() => connector.AcceptedTotal >= Recipients / 3, first, "the first instance to send a third");
            await first.KillAsync();
        }

        var atKill = connector.AcceptedTotal;
        Assert.InRange(atKill, Recipients / 3, Recipients - 1); // really killed mid-dispatch

        // The new instance waits for the dead one's leases to expire, then sends what is left.
        await using (var second = BotProcess.Start(Settings()))
        {
            await WaitAsync(() => connector.AcceptedByConversation.Count == Recipients, second, "every recipient to get the message");
            await WaitForCompletionAsync(notification.Id, second);
        }

        var accepted = connector.AcceptedByConversation;
        var duplicates = accepted.Values.Sum(n => n - 1);
        output.WriteLine($"accepted at kill: {atKill}; total accepted {connector.AcceptedTotal} for {Recipients} recipients; duplicates {duplicates}");
        Assert.Equal(Recipients, accepted.Count);
        Assert.All(recipients, r => Assert.True(accepted.ContainsKey(r.ConversationId)));

        // A message the channel accepted just before the kill, but whose outcome was not yet written, is sent again.
        // A worker records each outcome before its next send, so that is at most one message per worker
        // (docs/outbox.md, "exactly once").
        Assert.InRange(duplicates, 0, Concurrency);
        await using var reader = Reader();
        var progress = await OutboxSeeder.ProgressAsync(reader.Services, notification.Id);
        Assert.Equal(new DeliveryProgress(0, 0, Recipients, 0, 0, 0), progress);
    }

    [Fact]
    public async Task Shut_down_mid_dispatch_and_restarted_every_delivery_is_sent_exactly_once()
    {
        await using var connector = await FaultInjectingConnector.StartAsync(acceptDelay: TimeSpan.FromMilliseconds(20), keepLog: false);
        var (notification, _) = await SeedAsync(connector.ServiceUrl);

        await using (var first = BotProcess.Start(Settings()))
        {
            await WaitAsync(() => connector.AcceptedTotal >= Recipients / 3, first, "the first instance to send a third");
            await first.TerminateAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("released", first.Output, StringComparison.Ordinal);
        }

        // The graceful stop gave its leases back: no delivery is left claimed ("Sending" or with a lease owner), so the
        // next instance takes them at once instead of waiting for the leases to expire.
        Assert.Equal(0, await CountLeasedDeliveriesAsync());

        var atStop = connector.AcceptedTotal;
        Assert.InRange(atStop, Recipients / 3, Recipients - 1);

        await using (var second = BotProcess.Start(Settings()))
        {
            await WaitAsync(() => connector.AcceptedByConversation.Count == Recipients, second, "every recipient to get the message");
            await WaitForCompletionAsync(notification.Id, second);
        }

        output.WriteLine($"accepted at shutdown: {atStop}; total {connector.AcceptedTotal}");
        Assert.Equal(Recipients, connector.AcceptedTotal);
        Assert.All(connector.AcceptedByConversation, pair => Assert.Equal(1, pair.Value));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Dictionary<string, string> Settings()
    {
        var settings = FanOutTests.FastDispatch(Concurrency).Where(p => p.Value is not null && !p.Key.StartsWith("Logging", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value!);
        settings["Storage:DataFolder"] = _folder;
        settings["Dispatch:LeaseDuration"] = "00:00:05";
        settings["Dispatch:BatchSize"] = "100";
        settings["Connector:AttemptTimeout"] = "00:00:30";
        return settings;
    }

    private async Task<long> CountLeasedDeliveriesAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "engagementbot.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM deliveries WHERE lease_owner IS NOT NULL OR status = 'Sending'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private BotApplicationFactory Reader() =>
        new(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder, ["Dispatch:Enabled"] = "false" });

    private async Task<(Notification Notification, List<SeededRecipient> Recipients)> SeedAsync(string serviceUrl)
    {
        await using var seeding = Reader();
        var recipients = await OutboxSeeder.SeedRecipientsAsync(seeding.Services, serviceUrl, Recipients);
        var notification = await OutboxSeeder.SaveNotificationAsync(seeding.Services, NotificationKind.FinalResults);
        recipients = await OutboxSeeder.AddDeliveriesAsync(seeding.Services, notification, recipients);
        return (notification, recipients);
    }

    private async Task WaitForCompletionAsync(string notificationId, BotProcess bot)
    {
        await using var reader = Reader();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await OutboxSeeder.ProgressAsync(reader.Services, notificationId)).IsComplete)
        {
            Assert.False(bot.HasExited, "the bot exited:\n" + bot.Output);
            Assert.True(DateTime.UtcNow < deadline, "outcomes not recorded in time:\n" + bot.Output);
            await Task.Delay(100);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, BotProcess bot, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            Assert.False(bot.HasExited, $"the bot exited while waiting for {what}:\n{bot.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}:\n{bot.Output}");
            await Task.Delay(20);
        }
    }
}
