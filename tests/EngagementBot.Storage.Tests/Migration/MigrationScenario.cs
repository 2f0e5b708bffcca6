using EngagementBot.Storage.Content;
using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Migration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementBot.Storage.Tests.Migration;

/// <summary>
/// A SQLite source holding some of everything (demo content, participants with consents and subscriptions, references,
/// responses with answers and an anonymous copy, citizen questions, an outbox with sent, pending and leased
/// deliveries, conversation state), the command that migrates it, and a read-back of any store through its interfaces.
/// </summary>
internal static class MigrationScenario
{
    public const string Project = "parc-des-berges";

    public const string Consultation = "berges-2026";

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>The state keys seeded (the read-back reads these from any store).</summary>
    public static readonly string[] StateKeys =
        ["msteams/conversations/a:c1/users/29:u1", "msteams/users/29:u1", "directline/conversations/dl-1", "webchat/conversations/a b?#%/users/x"];

    /// <summary>Seeds a SQLite store in <paramref name="dataFolder"/> with some of everything.</summary>
    public static async Task SeedAsync(string dataFolder)
    {
        await using var services = await StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataFolder"] = dataFolder }, TimeProvider.System);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var report = await sp.GetRequiredService<ContentImporter>().ImportFolderAsync(ContentImporter.DemoContentFolder, Ct);
        Assert.True(report.Succeeded);

        var participants = sp.GetRequiredService<IParticipantStore>();
        var references = sp.GetRequiredService<IConversationReferenceStore>();
        for (var i = 1; i <= 3; i++)
        {
            await participants.SaveAsync(new Participant
            {
                Id = $"p{i}",
                ChannelId = i == 3 ? "directline" : "msteams",
                UserId = $"29:u{i}",
                AadObjectId = i == 3 ? null : $"aad-{i}",
                PreferredLanguage = i == 2 ? "en" : "fr",
                CreatedAt = StorageHost.Start.AddMinutes(i),
                Consents = [new ConsentRecord(Consultation, "2026-11-v1", StorageHost.Start.AddMinutes(i), i == 2 ? StorageHost.Start.AddDays(1) : null)],
                Subscriptions = i == 3 ? [] : [new Subscription(Project, i == 1 ? SubscriptionTopics.News | SubscriptionTopics.Results : SubscriptionTopics.Events)],
            }, Ct);
            await references.SaveAsync(new ConversationReferenceRecord
            {
                Id = ConversationReferenceRecord.CreateId(i == 3 ? "directline" : "msteams", $"a:c{i}", $"29:u{i}"),
                ParticipantId = $"p{i}",
                ChannelId = i == 3 ? "directline" : "msteams",
                ServiceUrl = new Uri("https://smba.trafficmanager.net/amer/"),
                ConversationId = $"a:c{i}",
                ConversationType = "personal",
                TenantId = "tenant-1",
                UserId = $"29:u{i}",
                BotId = "28:bot",
                Locale = "fr-CA",
                LastConfirmedAt = StorageHost.Start.AddMinutes(i),
            }, Ct);
        }

        var responses = sp.GetRequiredService<IResponseStore>();
        foreach (var participant in new[] { "p1", "p2", "p3" })
        {
            var response = await responses.StartAsync(participant, Consultation, Ct);
            var etag = await responses.SaveAnswerAsync(response.Id, new Answer("frequency", new ChoiceAnswer("weekly"), StorageHost.Start), response.ETag, Ct);
            etag = await responses.SaveAnswerAsync(response.Id, new Answer("activities", new MultiChoiceAnswer(["walk", "bike"]), StorageHost.Start), etag, Ct);
            etag = await responses.SaveAnswerAsync(response.Id, new Answer("priorities", new TextAnswer("Plus d'arbres, « vraiment »."), StorageHost.Start), etag, Ct);
            if (participant != "p2")
            {
                await responses.SubmitAsync(response.Id, etag, Ct);
            }
        }

        // p3 asked to be forgotten but the consultation keeps anonymous aggregates: an anonymous copy remains.
        Assert.NotNull(await responses.AnonymizeAsync((await responses.FindAsync("p3", Consultation, Ct))!.Id, Ct));

        var questions = sp.GetRequiredService<ICitizenQuestionStore>();
        await questions.SaveAsync(new CitizenQuestion
        {
            Id = Ids.New(),
            ParticipantId = "p1",
            ProjectSlug = Project,
            Text = "Les toilettes seront-elles ouvertes l'hiver?",
            Language = "fr",
            ConversationReferenceId = ConversationReferenceRecord.CreateId("msteams", "a:c1", "29:u1"),
            AskedAt = StorageHost.Start,
            UpdatedAt = StorageHost.Start,
        }, Ct);
        await questions.SaveAsync(new CitizenQuestion
        {
            Id = Ids.New(),
            ParticipantId = "p2",
            Text = "Is the dog run fenced?",
            Language = "en",
            Status = CitizenQuestionStatus.Answered,
            Owner = "staff@example.org",
            AnswerText = "Yes.",
            AskedAt = StorageHost.Start,
            UpdatedAt = StorageHost.Start.AddHours(2),
            AnsweredAt = StorageHost.Start.AddHours(2),
        }, Ct);

        // The outbox: one delivery sent, one leased by a dispatcher that is gone, one pending.
        var notifications = sp.GetRequiredService<INotificationStore>();
        var notification = await notifications.SaveAsync(new Notification
        {
            Id = Ids.New(),
            ProjectSlug = Project,
            Topic = SubscriptionTopics.News,
            Title = new LocalizedText("Nouvelle", "News"),
            Body = new LocalizedText("Corps", "Body"),
            CreatedBy = "staff-1",
            CreatedAt = StorageHost.Start,
            Status = NotificationStatus.Queued,
        }, Ct);
        var deliveries = Enumerable.Range(1, 3).Select(i => new Delivery
        {
            Id = Ids.New(),
            NotificationId = notification.Id,
            ParticipantId = $"p{i}",
            ConversationReferenceId = ConversationReferenceRecord.CreateId(i == 3 ? "directline" : "msteams", $"a:c{i}", $"29:u{i}"),
            IdempotencyKey = $"{notification.Id}:p{i}",
            CreatedAt = StorageHost.Start,
            UpdatedAt = StorageHost.Start,
        }).ToList();
        Assert.Equal(3, await notifications.AddDeliveriesAsync(deliveries, Ct));
        var claimed = await notifications.ClaimDueDeliveriesAsync("old-dispatcher", StorageHost.Start, TimeSpan.FromMinutes(1), 2, Ct);
        Assert.Equal(2, claimed.Count);
        Assert.Equal(1, await notifications.CompleteDeliveriesAsync(
            "old-dispatcher", [claimed[0] with { Status = DeliveryStatus.Sent, Attempts = 1, SentAt = StorageHost.Start, UpdatedAt = StorageHost.Start }], Ct));

        await sp.GetRequiredService<IStateStore>().WriteAsync(
            StateKeys.Select((k, i) => new StateChange(k, $"{{\"dialogStack\":[{{\"id\":\"consultation\",\"step\":{i}}}],\"text\":\"é\\u00e9 {i}\"}}")).ToList(), Ct);
    }

    /// <summary>Runs <c>migrate-storage</c> as the bot does, returning the exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(IDictionary<string, string?>? settings, Action<IServiceCollection>? configure, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StorageMigrationCommand.RunAsync(args, configuration, NullLoggerFactory.Instance, output, error, configure, Ct);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Everything a store holds about the seeded ids, read through its interfaces: one canonical JSON line per item
    /// (no ETags; lists the stores may order differently sorted), by kind.
    /// </summary>
    public static async Task<SortedDictionary<StoredKind, List<string>>> ReadBackAsync(IServiceProvider services, IReadOnlyDictionary<StoredKind, IReadOnlyList<string>> keys)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var result = new SortedDictionary<StoredKind, List<string>>();
        foreach (var (kind, ids) in keys)
        {
            var lines = new List<string>();
            foreach (var id in ids)
            {
                object? item = kind switch
                {
                    StoredKind.Projects => await sp.GetRequiredService<IProjectStore>().GetAsync(id, Ct) is { } p ? p with { ETag = null } : null,
                    StoredKind.Consultations => await sp.GetRequiredService<IConsultationStore>().GetAsync(id, Ct) is { } c ? c with { ETag = null } : null,
                    StoredKind.Participants => await sp.GetRequiredService<IParticipantStore>().GetAsync(id, Ct) is { } p
                        ? p with { ETag = null, Subscriptions = [.. p.Subscriptions.OrderBy(s => s.ProjectSlug, StringComparer.Ordinal)] } : null,
                    StoredKind.ConversationReferences => await sp.GetRequiredService<IConversationReferenceStore>().GetAsync(id, Ct) is { } r ? r with { ETag = null } : null,
                    StoredKind.Responses => await sp.GetRequiredService<IResponseStore>().GetAsync(id, Ct) is { } r
                        ? r with { ETag = null, Answers = [.. r.Answers.OrderBy(a => a.QuestionId, StringComparer.Ordinal)] } : null,
                    StoredKind.CitizenQuestions => await sp.GetRequiredService<ICitizenQuestionStore>().GetAsync(id, Ct) is { } q ? q with { ETag = null } : null,
                    StoredKind.Notifications => await sp.GetRequiredService<INotificationStore>().GetAsync(id, Ct) is { } n ? n with { ETag = null } : null,
                    StoredKind.Deliveries => await sp.GetRequiredService<INotificationStore>().GetDeliveryAsync(id, Ct) is { } d ? d with { ETag = null } : null,
                    StoredKind.State => (await sp.GetRequiredService<IStateStore>().ReadAsync([id], Ct)).TryGetValue(id, out var s) ? s.Json : null,
                    _ => throw new ArgumentOutOfRangeException(nameof(keys)),
                };
                lines.Add(item is null ? $"MISSING {kind} {id}" : item as string ?? StorageJson.Serialize(item));
            }

            result[kind] = lines;
        }

        return result;
    }

    /// <summary>The keys of everything a relational store holds, by kind.</summary>
    public static async Task<IReadOnlyDictionary<StoredKind, IReadOnlyList<string>>> InventoryAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var inventory = scope.ServiceProvider.GetRequiredService<IStorageInventory>();
        var keys = new Dictionary<StoredKind, IReadOnlyList<string>>();
        foreach (var kind in Enum.GetValues<StoredKind>())
        {
            keys[kind] = await inventory.KeysAsync(kind, Ct);
        }

        return keys;
    }

    /// <summary>Opens a SQLite store (the schema applied) without seeding.</summary>
    public static Task<ServiceProvider> OpenSqliteAsync(string dataFolder) =>
        StorageHost.StartAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataFolder"] = dataFolder }, TimeProvider.System);

    /// <summary>The counts line the command prints for a kind.</summary>
    public static string CountsLine(StoredKind kind, int source, int copied, int unchanged, int conflicts) =>
        $"{StorageMigrationCommand.Name(kind)}: {source} in source, {copied} copied, {unchanged} already there, {conflicts} conflicts";
}
