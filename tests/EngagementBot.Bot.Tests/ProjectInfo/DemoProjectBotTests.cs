using System.Text.Json;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Content;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.ProjectInfo;

/// <summary>
/// Base of the project-answer and ask-staff tests: the real bot (Development, demo project with its dates as authored)
/// on Kestrel with its clock set to <see cref="DemoNow"/> (during the demo consultation, before the November 28
/// workshop), and a connector stub as the channel.
/// </summary>
public abstract class DemoProjectBotTests : IAsyncLifetime
{
    /// <summary>Sunday November 22, 2026, 10:00 in Rivière-Claire.</summary>
    public static readonly DateTimeOffset DemoNow = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    protected ConnectorStubServer Channel { get; private set; } = null!;

    protected BotApplicationFactory Bot { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Configuration overrides.</summary>
    protected virtual Dictionary<string, string?> Settings => new() { ["Turns:MessagesPerConversation"] = "1000" };

    public async Task InitializeAsync()
    {
        Channel = await ConnectorStubServer.StartAsync();
        Bot = new BotApplicationFactory(Settings, services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(DemoNow)));
        Client = new HttpClient { BaseAddress = Bot.BaseAddress };

        // Start-up seeding moved the demo's timeline to DemoNow; these transcripts quote its dates as authored, so the
        // demo is imported again as the import command does (dates as written).
        var import = await WithStoresAsync(services => services.GetRequiredService<ContentImporter>().ImportFolderAsync(ContentImporter.DemoContentFolder, CancellationToken.None));
        Assert.True(import.Succeeded);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Channel.DisposeAsync();
    }

    /// <summary>A citizen chatting on <paramref name="channelId"/> in <paramref name="locale"/>.</summary>
    protected ConsultationChat Citizen(string locale = "en-US", string channelId = "directline") => new(Client, Channel, locale, channelId);

    /// <summary>Runs <paramref name="action"/> on the bot's stores in a scope.</summary>
    protected async Task<T> WithStoresAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>The participant behind a chat.</summary>
    protected Task<Participant?> ParticipantAsync(ConsultationChat chat, string channelId = "directline") =>
        WithStoresAsync(services => services.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync(channelId, chat.UserId, CancellationToken.None));

    /// <summary>Every text of the replies, including what is nested in cards (text blocks, toggles, buttons, labels).</summary>
    protected static string AllText(Replies replies)
    {
        var parts = new List<string> { replies.Text };
        foreach (var card in replies.Cards)
        {
            Collect(card, parts);
        }

        return string.Join("\n", parts);
    }

    private static void Collect(JsonElement element, List<string> parts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "text" or "title" or "label" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, parts);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, parts);
                }

                break;
        }
    }

    protected static void AssertContains(string expected, string actual) =>
        Assert.True(actual.Contains(expected, StringComparison.Ordinal), $"Expected «{expected}» in:\n{actual}");
}
