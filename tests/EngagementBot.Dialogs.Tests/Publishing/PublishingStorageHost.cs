using EngagementBot.Dialogs.Publishing;
using EngagementBot.Storage;
using EngagementBot.Storage.Content;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EngagementBot.Dialogs.Tests.Publishing;

/// <summary>
/// Publishing services on a real SQLite database (fresh folder, demo project and consultation imported), with helpers
/// to add participants, their conversations and their responses.
/// </summary>
public sealed class PublishingStorageHost : IAsyncDisposable
{
    public const string Project = "parc-des-berges";
    public const string Consultation = "berges-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementbot-publishing-tests", Guid.NewGuid().ToString("N"));

    private PublishingStorageHost(ServiceProvider provider) => Services = provider;

    public ServiceProvider Services { get; private set; }

    public static async Task<PublishingStorageHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var host = new PublishingStorageHost(null!);
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = host._folder,
            ["Publishing:RemindersEnabled"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEngagementStorage(configuration);
        services.AddConsultationDialogs(configuration);
        services.AddPublishing(configuration);
        configure?.Invoke(services);
        host.Services = services.BuildServiceProvider();
        foreach (var hosted in host.Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        // The demo as authored, like the import command (not the fresh timeline of start-up seeding): the reminder
        // tests set their clock against its key dates.
        var import = await host.InScopeAsync(sp => sp.GetRequiredService<ContentImporter>().ImportFolderAsync(ContentImporter.DemoContentFolder, CancellationToken.None));
        if (!import.Succeeded)
        {
            throw new InvalidOperationException($"The demo content has {import.Problems.Count} problems.");
        }

        return host;
    }

    /// <summary>Runs <paramref name="action"/> in a fresh DI scope (like one request or one dispatcher batch).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Adds a participant with the given subscriptions and one conversation per reachability given.</summary>
    public Task<Participant> AddParticipantAsync(string language, SubscriptionTopics topics, params Reachability[] conversations) =>
        AddParticipantAsync(language, topics == SubscriptionTopics.None ? [] : [new Subscription(Project, topics)], conversations);

    public async Task<Participant> AddParticipantAsync(string language, IReadOnlyList<Subscription> subscriptions, params Reachability[] conversations)
    {
        return await InScopeAsync(async sp =>
        {
            var userId = "user-" + Guid.NewGuid().ToString("N");
            var participant = await sp.GetRequiredService<IParticipantStore>().SaveAsync(
                new Participant
                {
                    Id = Ids.New(),
                    ChannelId = "msteams",
                    UserId = userId,
                    PreferredLanguage = language,
                    CreatedAt = DateTimeOffset.UtcNow,
                    Subscriptions = subscriptions,
                },
                default);
            var index = 0;
            foreach (var reachability in conversations)
            {
                var conversationId = $"conv-{index++}-{userId}";
                await sp.GetRequiredService<IConversationReferenceStore>().SaveAsync(
                    new ConversationReferenceRecord
                    {
                        Id = ConversationReferenceRecord.CreateId("msteams", conversationId, userId),
                        ParticipantId = participant.Id,
                        ChannelId = "msteams",
                        ServiceUrl = new Uri("https://smba.example/"),
                        ConversationId = conversationId,
                        UserId = userId,
                        BotId = "bot",
                        LastConfirmedAt = DateTimeOffset.UtcNow,
                        Reachability = reachability,
                    },
                    default);
            }

            return participant;
        });
    }

    /// <summary>Starts (and optionally submits) the participant's response to the demo consultation.</summary>
    public Task<Response> RespondAsync(string participantId, bool submit) => InScopeAsync(async sp =>
    {
        var responses = sp.GetRequiredService<IResponseStore>();
        var response = await responses.StartAsync(participantId, Consultation, default);
        return submit ? await responses.SubmitAsync(response.Id, null, default) : response;
    });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
