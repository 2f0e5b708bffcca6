// Fan-out benchmark: N subscribers (one conversation each) on a fresh SQLite database, then the time the publisher
// takes to write the notification and its N deliveries, the time of a second (idempotent) run, the progress count,
// and the peak working set. Usage: dotnet run -c Release --project bench/EngagementBot.Publish.Bench -- 10000 100000
using System.Diagnostics;
using System.Globalization;
using EngagementBot.Dialogs.Publishing;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000];
foreach (var size in sizes)
{
    var folder = Path.Combine(Path.GetTempPath(), "engagementbot-publish-bench", Guid.NewGuid().ToString("N"));
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:DataFolder"] = folder,
        ["Publishing:RemindersEnabled"] = "false",
    }).Build();
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddEngagementStorage(configuration);
    services.AddPublishing(configuration);
    await using var provider = services.BuildServiceProvider();
    foreach (var hosted in provider.GetServices<IHostedService>())
    {
        await hosted.StartAsync(CancellationToken.None);
    }

    await SeedAsync(provider, size);
    var notification = await InScopeAsync(provider, sp => sp.GetRequiredService<NotificationPublisher>().CreateDraftAsync(
        new ValidDraft("bench", NotificationKind.News, new LocalizedText("Titre", "Title"), new LocalizedText("Corps", "Body"), null, false), "bench", default));

    var watch = Stopwatch.StartNew();
    var first = await InScopeAsync(provider, sp => sp.GetRequiredService<NotificationPublisher>().FanOutAsync(notification, default));
    var fanOut = watch.Elapsed;
    watch.Restart();
    var again = await InScopeAsync(provider, sp => sp.GetRequiredService<NotificationPublisher>().FanOutAsync(notification, default));
    var rerun = watch.Elapsed;
    watch.Restart();
    var progress = await InScopeAsync(provider, sp => sp.GetRequiredService<IDeliveryProgressSource>().GetAsync(notification.Id, default));
    var count = watch.Elapsed;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{size,7} recipients: fan-out {fanOut.TotalSeconds:F2} s ({first.Added / fanOut.TotalSeconds:F0} deliveries/s), re-run {rerun.TotalSeconds:F2} s (added {again.Added}), progress count {count.TotalMilliseconds:F0} ms ({progress.Describe("en")}), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB"));
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static async Task<T> InScopeAsync<T>(IServiceProvider provider, Func<IServiceProvider, Task<T>> action)
{
    await using var scope = provider.CreateAsyncScope();
    return await action(scope.ServiceProvider);
}

static async Task SeedAsync(IServiceProvider provider, int size)
{
    const int Batch = 1000;
    for (var start = 0; start < size; start += Batch)
    {
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var transaction = await sp.GetRequiredService<IStorageUnitOfWork>().BeginAsync(default);
        var participants = sp.GetRequiredService<IParticipantStore>();
        var references = sp.GetRequiredService<IConversationReferenceStore>();
        for (var i = start; i < Math.Min(size, start + Batch); i++)
        {
            var userId = "user-" + i.ToString(CultureInfo.InvariantCulture);
            var participant = await participants.SaveAsync(
                new Participant
                {
                    Id = Ids.New(),
                    ChannelId = "msteams",
                    UserId = userId,
                    PreferredLanguage = i % 2 == 0 ? "fr" : "en",
                    CreatedAt = DateTimeOffset.UtcNow,
                    Subscriptions = [new Subscription("bench", SubscriptionTopics.All)],
                },
                default);
            await references.SaveAsync(
                new ConversationReferenceRecord
                {
                    Id = ConversationReferenceRecord.CreateId("msteams", "conv-" + userId, userId),
                    ParticipantId = participant.Id,
                    ChannelId = "msteams",
                    ServiceUrl = new Uri("https://smba.example/"),
                    ConversationId = "conv-" + userId,
                    UserId = userId,
                    BotId = "bot",
                    LastConfirmedAt = DateTimeOffset.UtcNow,
                    Reachability = i % 100 == 0 ? Reachability.Unreachable : Reachability.Reachable,
                },
                default);
        }

        await transaction.CommitAsync(default);
    }
}
