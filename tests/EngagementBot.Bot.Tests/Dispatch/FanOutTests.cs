using System.Text.Json;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace EngagementBot.Bot.Tests.Dispatch;

/// <summary>
/// The real bot (its hosted dispatcher, storage on a SQLite file, connector client with its retries) delivering a
/// notification to many recipients through a loopback connector that injects faults.
/// </summary>
public sealed class FanOutTests(ITestOutputHelper output)
{
    /// <summary>Settings that make a test run short: fast connector retries, no quiet hours, cap or rate limits.</summary>
    internal static Dictionary<string, string?> FastDispatch(int concurrency = 64) => new()
    {
        ["Dispatch:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dispatch:BatchSize"] = "500",
        ["Dispatch:PollInterval"] = "00:00:00.050",
        ["Dispatch:RetryBaseDelay"] = "00:00:00.050",
        ["Dispatch:RetryMaxDelay"] = "00:00:00.500",
        ["Dispatch:QuietHours:Enabled"] = "false",
        ["Dispatch:FrequencyCap:MaxPerWeek"] = "0",
        ["Dispatch:RateLimits:PerConversationPerSecond"] = "0",
        ["Dispatch:RateLimits:PerTenantPerSecond:msteams"] = "0",
        ["Connector:BaseDelay"] = "00:00:00.010",
        ["Connector:MaxDelay"] = "00:00:02",
        ["Connector:AttemptTimeout"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Error",
    };

    [Fact]
    public async Task Ten_thousand_recipients_with_faults_each_deliverable_one_gets_exactly_one_message_and_blocked_ones_are_marked()
    {
        const int Recipients = 10_000;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var blocked = Enumerable.Range(0, Recipients).Where(i => i % 97 == 0).Select(i => "conv-" + i).ToHashSet();
        await using var connector = await FaultInjectingConnector.StartAsync(faultRate: 0.20, blocked: blocked, timeoutHold: TimeSpan.FromSeconds(4));
        var settings = FastDispatch();
        settings["Dispatch:Enabled"] = "false"; // seed first, then start a dispatching instance on the same file
        await using var seeding = new BotApplicationFactory(settings);
        _ = seeding.Services;
        var recipients = await OutboxSeeder.SeedRecipientsAsync(seeding.Services, connector.ServiceUrl, Recipients);
        var notification = await OutboxSeeder.SaveNotificationAsync(seeding.Services, NotificationKind.InterimReport, "rapport");
        recipients = await OutboxSeeder.AddDeliveriesAsync(seeding.Services, notification, recipients);

        var dispatching = FastDispatch(concurrency: 128);
        dispatching["Storage:DataFolder"] = seeding.DataFolder;

        // An accepted answer read late on a loaded machine must not pass for a lost one (the client would send it
        // again: the protocol's timeout re-send); injected timeouts are held longer than this.
        dispatching["Connector:AttemptTimeout"] = "00:00:03";
        await using var bot = new BotApplicationFactory(dispatching);
        var seeded = watch.Elapsed;
        var progress = await OutboxSeeder.WaitUntilCompleteAsync(bot.Services, notification.Id, TimeSpan.FromSeconds(300));
        output.WriteLine($"seeded in {seeded}, delivered in {watch.Elapsed - seeded}");

        // Every deliverable recipient: exactly one accepted message; blocked ones: none, and marked.
        Assert.True(progress.IsComplete, $"not finished: {progress}");
        Assert.Equal(new DeliveryProgress(0, 0, Recipients - blocked.Count, 0, blocked.Count, blocked.Count), progress);
        var accepted = connector.AcceptedByConversation;
        Assert.Equal(Recipients - blocked.Count, accepted.Count);
        Assert.All(accepted, pair => Assert.Equal(1, pair.Value));
        Assert.DoesNotContain(accepted.Keys, blocked.Contains);
        Assert.Equal(Recipients - blocked.Count, connector.AcceptedTotal);

        // The faults really happened (about 20% of requests).
        var log = connector.Log;
        var faults = log.Count(r => r.Answer is FaultAnswer.TooManyRequests or FaultAnswer.ServiceUnavailable or FaultAnswer.Timeout);
        Assert.InRange(faults / (double)log.Count, 0.15, 0.25);

        // Retry-After: 1 was honoured: the next request to that conversation came at least a second later.
        var byConversation = log.GroupBy(r => r.ConversationId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Attempt).ToList());
        var throttled = 0;
        foreach (var requests in byConversation.Values)
        {
            for (var i = 0; i < requests.Count - 1; i++)
            {
                if (requests[i].Answer == FaultAnswer.TooManyRequests)
                {
                    throttled++;
                    Assert.True(
                        requests[i + 1].ReceivedAt - requests[i].ReceivedAt >= TimeSpan.FromMilliseconds(980),
                        $"{requests[i].ConversationId}: retried {(requests[i + 1].ReceivedAt - requests[i].ReceivedAt).TotalMilliseconds} ms after a 429 with Retry-After: 1");
                }
            }
        }

        Assert.True(throttled > 100, $"only {throttled} throttled requests were retried");

        // Blocked recipients: delivery Skipped "unreachable", conversation reference marked unreachable, not retried.
        var blockedRecipient = recipients.First(r => blocked.Contains(r.ConversationId));
        var delivery = await OutboxSeeder.DeliveryAsync(bot.Services, blockedRecipient.DeliveryId);
        Assert.Equal(DeliveryStatus.Skipped, delivery.Status);
        Assert.Equal(DeliveryReasons.Unreachable, delivery.LastError);
        Assert.Single(byConversation[blockedRecipient.ConversationId]);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var reference = await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().GetAsync(blockedRecipient.ReferenceId, CancellationToken.None);
            Assert.Equal(Reachability.Unreachable, reference!.Reachability);
        }

        // Each message is in the recipient's language, to the recipient's conversation.
        var english = recipients.First(r => r.Language == "en" && !blocked.Contains(r.ConversationId));
        var french = recipients.First(r => r.Language == "fr" && !blocked.Contains(r.ConversationId));
        Assert.Contains("Title rapport", AcceptedText(log, english.ConversationId), StringComparison.Ordinal);
        Assert.Contains("Titre rapport", AcceptedText(log, french.ConversationId), StringComparison.Ordinal);

        // The notification is marked completed.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<INotificationStore>().GetAsync(notification.Id, CancellationToken.None);
            Assert.Equal(NotificationStatus.Completed, stored!.Status);
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_SQLite_database_never_send_the_same_delivery()
    {
        const int Recipients = 3_000;
        await using var connector = await FaultInjectingConnector.StartAsync(acceptDelay: TimeSpan.FromMilliseconds(1));
        var seedSettings = FastDispatch();
        seedSettings["Dispatch:Enabled"] = "false";
        await using var seeding = new BotApplicationFactory(seedSettings);
        _ = seeding.Services;
        var recipients = await OutboxSeeder.SeedRecipientsAsync(seeding.Services, connector.ServiceUrl, Recipients);
        var notification = await OutboxSeeder.SaveNotificationAsync(seeding.Services);
        await OutboxSeeder.AddDeliveriesAsync(seeding.Services, notification, recipients);

        // Two bot instances (own DI container, connection pool and writer gate each, like two processes) on one file,
        // small batches so they interleave; each counts what it sent.
        var countA = new SendCounter();
        var countB = new SendCounter();
        await using var botA = new BotApplicationFactory(Instance(seeding.DataFolder), services => services.Decorate(countA));
        await using var botB = new BotApplicationFactory(Instance(seeding.DataFolder), services => services.Decorate(countB));
        _ = botA.Services;
        _ = botB.Services;
        var progress = await OutboxSeeder.WaitUntilCompleteAsync(botA.Services, notification.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(Recipients, progress.Sent);
        Assert.Equal(Recipients, connector.AcceptedTotal);
        Assert.All(connector.AcceptedByConversation, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(Recipients, connector.AcceptedByConversation.Count);
        Assert.Equal(Recipients, countA.Sent + countB.Sent);
        Assert.True(countA.Sent > 0 && countB.Sent > 0, $"both instances should have sent (A {countA.Sent}, B {countB.Sent})");

        static Dictionary<string, string?> Instance(string folder)
        {
            var settings = FastDispatch(concurrency: 8);
            settings["Storage:DataFolder"] = folder;
            settings["Dispatch:BatchSize"] = "50";
            settings["Connector:AttemptTimeout"] = "00:00:30"; // no fault here: a slow answer must not be taken for a lost one
            return settings;
        }
    }

    private static string AcceptedText(IReadOnlyList<FaultRequest> log, string conversationId)
    {
        var request = log.Single(r => r.ConversationId == conversationId && r.Answer == FaultAnswer.Accepted);
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("text").GetString() ?? string.Empty;
    }
}

/// <summary>Counts the proactive sends of one bot instance (a decorator of its messenger).</summary>
internal sealed class SendCounter
{
    private int _sent;

    public int Sent => Volatile.Read(ref _sent);

    public void Add() => Interlocked.Increment(ref _sent);
}

internal static class SendCounterRegistration
{
    public static void Decorate(this IServiceCollection services, SendCounter counter)
    {
        services.AddScoped<EngagementBot.Bot.Proactive.ProactiveMessenger>();
        services.Replace(ServiceDescriptor.Scoped<IProactiveMessenger>(provider => new CountingMessenger(provider.GetRequiredService<EngagementBot.Bot.Proactive.ProactiveMessenger>(), counter)));
    }

    private sealed class CountingMessenger(IProactiveMessenger inner, SendCounter counter) : IProactiveMessenger
    {
        public async Task<ProactiveSendOutcome> SendAsync(string conversationReferenceId, IReadOnlyList<DialogReply> replies, string language, CancellationToken cancellationToken)
        {
            var outcome = await inner.SendAsync(conversationReferenceId, replies, language, cancellationToken);
            if (outcome == ProactiveSendOutcome.Sent)
            {
                counter.Add();
            }

            return outcome;
        }
    }
}
