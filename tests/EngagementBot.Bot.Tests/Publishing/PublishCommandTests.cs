using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Publishing;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>
/// The Teams staff command through /api/messages on the real bot (local mode, real SQLite, loopback connector):
/// publish with preview card and confirm (EN two steps, FR inline), cancel, invalid text, progress, the final report
/// card the dispatcher's hook sends to the publisher, refusal to non-staff; every card validated by adaptivecards@3.0.6.
/// Also the staff REST API's API key in local mode.
/// </summary>
public sealed class PublishCommandTests : BotWithChannelTests
{
    private const string StaffOid = "0f0f0f0f-0000-4000-8000-00000000057a";
    private const string ApiKey = "local-staff-api-key-123";
    private readonly string _cards = Path.Combine(Path.GetTempPath(), "engagementbot-publish-cards", Guid.NewGuid().ToString("N"));

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Storage:SeedDemoContent"] = "true",
        ["Staff:Members:0:AadObjectId"] = StaffOid,
        ["StaffApi:ApiKey"] = ApiKey,
        ["Turns:MessagesPerConversation"] = "1000",
        ["Dispatch:Enabled"] = "false", // the first test records the deliveries' outcomes itself, as the dispatcher would
    };

    [Fact]
    public async Task Staff_publish_news_with_a_preview_then_confirm_and_follow_progress_to_the_final_report()
    {
        await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.News);
        await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.All, language: "en");
        await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.Results);
        var staff = new StaffChat(Client, Channel, StaffOid);

        var ask = await staff.SayAsync("publish news parc-des-berges");
        ask.Contains("Send the text of the news item for «Riverside Park redevelopment»");

        var preview = await staff.SayAsync("Nouveau sentier\nLe sentier riverain ouvre samedi.\n---\nNew trail\nThe riverside trail opens on Saturday.\nhttps://riviere-claire.example/berges/sentier");
        var card = Assert.Single(preview.Cards);
        await SaveCardAsync("preview-en", card);
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var facts = card.GetProperty("body")[1].GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("2", facts["Audience"]);
        Assert.Equal("https://riviere-claire.example/berges/sentier", facts["Link"]);
        preview.Contains("Le sentier riverain ouvre samedi.");
        preview.Contains("The riverside trail opens on Saturday.");
        Assert.Empty(await NotificationsAsync());

        var done = await staff.SubmitAsync("""{"answer":"confirm"}""");
        done.Contains("Published. 2 message(s) queued for 2 participant(s); 0 unreachable conversation(s) skipped.");
        var notification = Assert.Single(await NotificationsAsync());
        Assert.Equal(NotificationStatus.Queued, notification.Status);
        Assert.Equal($"msteams:{StaffOid}", notification.CreatedBy);
        Assert.Equal(new LocalizedText("Nouveau sentier", "New trail"), notification.Title);
        var deliveries = await PublishingSeed.DeliveriesAsync(Bot.Services, notification.Id);
        Assert.Equal(2, deliveries.Count);
        done.Contains($"progress {notification.Id}");

        var progress = await staff.SayAsync($"progress {notification.Id}");
        await SaveCardAsync("progress-en", Assert.Single(progress.Cards));
        progress.Contains("0 / 2 sent, 0 failed, 0 unreachable, 2 pending");

        // Without the id: the latest publication.
        var latest = await staff.SayAsync("progress");
        latest.Contains("0 / 2 sent, 0 failed, 0 unreachable, 2 pending");
        latest.Contains("New trail");

        // The dispatcher (outbox branch) finishes the deliveries and calls the hook: the publisher gets the report, once.
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
            await store.SaveDeliveryAsync(deliveries[0] with { Status = DeliveryStatus.Sent, SentAt = DateTimeOffset.UtcNow }, default);
            await store.SaveDeliveryAsync(deliveries[1] with { Status = DeliveryStatus.Failed, LastError = "http-500" }, default);
        }

        bool first, second;
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var hook = scope.ServiceProvider.GetRequiredService<IDeliveryReportNotifier>();
            first = await hook.NotificationCompletedAsync(notification.Id, default);
            second = await hook.NotificationCompletedAsync(notification.Id, default);
        }

        Assert.True(first);
        Assert.False(second);
        var report = await Channel.WaitForActivityAsync(a => a.Conversation?.Id == staff.ConversationId && (a.Attachments?.Any(at => at.Content?.GetRawText().Contains("Delivery report", StringComparison.Ordinal) == true) ?? false));
        var reportCard = new Replies([report]);
        reportCard.Contains("1 / 2 sent, 1 failed, 0 unreachable, 0 pending");
        await SaveCardAsync("report-en", reportCard.Cards.Single());
        Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == staff.ConversationId && a.ReplyToId is null && a.Attachments is not null);

        await ValidateCardsAsync(3);
    }

    [Fact]
    public async Task French_inline_results_in_one_language_warn_and_cancel_publishes_nothing()
    {
        await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.Results);
        var staff = new StaffChat(Client, Channel, StaffOid, "fr-CA");

        var preview = await staff.SayAsync("publier résultats parc-des-berges\nLe parc aura des jeux d'eau\nLe conseil a retenu le scénario B.");
        var card = Assert.Single(preview.Cards);
        await SaveCardAsync("preview-fr", card);
        preview.Contains("Aperçu — résultats finaux pour « Réaménagement du parc des Berges »");
        preview.Contains("Public : 1 participant(s) abonné(s).");
        preview.Contains("Une seule langue a été fournie : tout le monde recevra ce texte.");
        Assert.Equal(["Publier", "Annuler"], card.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()));

        (await staff.SayAsync("annuler")).Contains("Rien n'a été publié.");
        Assert.Empty(await NotificationsAsync());
        await ValidateCardsAsync(1);
    }

    [Fact]
    public async Task Bad_text_unknown_project_and_usage_get_clear_answers()
    {
        var staff = new StaffChat(Client, Channel, StaffOid);

        (await staff.SayAsync("progress")).Contains("Say «progress <notification id>».");  // nothing published yet
        (await staff.SayAsync("publish")).Contains("To publish, write «publish news|report|results <project>»");
        (await staff.SayAsync("publish news atlantis")).Contains("I don't know the project «atlantis». Projects: parc-des-berges.");
        await staff.SayAsync("publish report parc-des-berges");
        var invalid = await staff.SayAsync("Only a title\nhttp://insecure.example");
        invalid.Contains("I can't publish that yet: The English text has a title but no body. The link must be an absolute https address.");
        (await staff.SayAsync("Interim report\nWe read 900 answers.")).Contains("Audience: 0 subscribed participant(s).");
        (await staff.SayAsync("progress 0123")).Contains("No notification has the id «0123».");
    }

    [Fact]
    public async Task Citizens_are_refused_politely_and_nothing_is_published()
    {
        var citizen = new StaffChat(Client, Channel, aadObjectId: "c1c1c1c1-0000-4000-8000-0000000c1712");

        (await citizen.SayAsync("publish news parc-des-berges\nFake\nNews")).Contains("That command is for the project team only.");
        (await citizen.SayAsync("progress 0123456789abcdef0123456789abcdef")).Contains("That command is for the project team only.");
        Assert.Empty(await NotificationsAsync());
    }

    [Theory]
    [InlineData(ApiKey, HttpStatusCode.OK)]
    [InlineData("wrong-key-wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task In_local_mode_the_configured_api_key_opens_the_staff_api(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications")
        {
            Content = new StringContent("""{"kind":"news","title":{"en":"Trail"},"body":{"en":"Open."},"dryRun":true}""", Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            using var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(preview.RootElement.GetProperty("oneLanguageOnly").GetBoolean());
        }
        else
        {
            Assert.Contains(key is null ? "or, in local mode, the X-Api-Key header" : "does not match", await Activities.ProblemDetailAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Everyone_who_took_part_and_opted_in_to_results_is_in_the_results_audience_and_reads_you_said_we_did()
    {
        string[] consultation = ["start", "yes", "1", "1, 2", "1, 2, 3", "3", "skip", "yes", "5", "skip", "skip", "skip", "submit"];
        var optedIn = new ConsultationChat(Client, Channel, "fr-CA", Channels.WebChat);
        var declined = new ConsultationChat(Client, Channel, "en-US", Channels.WebChat);
        foreach (var line in consultation)
        {
            await optedIn.SayAsync(line);
            await declined.SayAsync(line);
        }

        await optedIn.SayAsync("oui");
        await declined.SayAsync("no");

        Assert.Equal(1, await DryRunAudienceAsync("finalResults"));
        Assert.Equal(1, await DryRunAudienceAsync("interimReport"));

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = (await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync(Channels.WebChat, optedIn.UserId, default))!;
        var composed = await scope.ServiceProvider.GetRequiredService<INotificationComposer>().ComposeAsync(
            new Notification
            {
                Id = Ids.New(),
                ProjectSlug = PublishingSeed.Project,
                Topic = SubscriptionTopics.Results,
                Kind = NotificationKind.FinalResults,
                Title = new LocalizedText("Le parc aura des jeux d'eau", "Splash pad is in"),
                Body = new LocalizedText("Le conseil a retenu le scénario B.", "The council chose option B."),
                CreatedBy = "test",
                CreatedAt = DateTimeOffset.UtcNow,
            },
            participant,
            default);
        var text = Assert.IsType<TextReply>(Assert.Single(composed.Replies)).Text;
        Assert.Contains("Vous avez participé à « Réaménagement du parc des Berges : votre avis » le ", text, StringComparison.Ordinal);
    }

    private async Task<int> DryRunAudienceAsync(string kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications")
        {
            Content = new StringContent($$"""{"kind":"{{kind}}","title":{"fr":"Titre"},"body":{"fr":"Corps"},"dryRun":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return preview.RootElement.GetProperty("audience").GetInt32();
    }

    private async Task<IReadOnlyList<Notification>> NotificationsAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<INotificationStore>().ListByProjectAsync(PublishingSeed.Project, PageRequest.First(), default)).Items;
    }

    private async Task SaveCardAsync(string name, JsonElement card)
    {
        Directory.CreateDirectory(_cards);
        await File.WriteAllTextAsync(Path.Combine(_cards, name + ".json"), card.GetRawText());
    }

    private async Task ValidateCardsAsync(int count)
    {
        var (exitCode, output) = await AdaptiveCardsValidator.ValidateFolderAsync(_cards);
        Directory.Delete(_cards, recursive: true);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"{count} card(s), 0 failed", output, StringComparison.Ordinal);
    }
}
