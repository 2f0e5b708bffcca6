using System.Net;
using System.Text;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>
/// Withdrawing a publication sent by mistake, on the real bot with its dispatcher running (real SQLite, loopback
/// connector, Teams' rate limit lowered so that delivery takes seconds): in Teams with "withdraw" and a confirmation,
/// and through the staff REST API. What already went out stays sent; nothing else goes; the publisher gets the report.
/// </summary>
public sealed class WithdrawTests : BotWithChannelTests
{
    private const string StaffOid = "0f0f0f0f-0000-4000-8000-00000000057c";
    private const string ApiKey = "local-staff-api-key-456";
    private const int Subscribers = 30;

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Storage:SeedDemoContent"] = "true",
        ["Staff:Members:0:AadObjectId"] = StaffOid,
        ["StaffApi:ApiKey"] = ApiKey,
        ["Turns:MessagesPerConversation"] = "1000",
        ["Dispatch:QuietHours:Enabled"] = "false",
        ["Dispatch:FrequencyCap:MaxPerWeek"] = "0",
        ["Dispatch:RateLimits:PerTenantPerSecond:msteams"] = "4",
        ["Dispatch:WithdrawalCheckInterval"] = "00:00:00.100",
        ["Dispatch:PollInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Staff_withdraw_a_publication_while_it_goes_out_and_the_rest_is_never_sent()
    {
        var subscribers = await SubscribersAsync();
        var staff = new StaffChat(Client, Channel, StaffOid);
        await staff.SayAsync("publish news parc-des-berges\nNouveau sentier\nLe sentier riverain ouvre samedi.\n---\nNew trail\nThe riverside trail opens on Saturday.");
        var published = await staff.SubmitAsync("""{"answer":"confirm"}""");
        published.Contains($"Published. {Subscribers} message(s) queued");
        published.Contains("or «withdraw ");
        await WaitUntilAsync(() => SentTo(subscribers) >= 3);

        // The progress card offers the button; it asks first, and "no" keeps sending.
        var progress = await staff.SayAsync("progress");
        var button = Assert.Single(Assert.Single(progress.Cards).GetProperty("actions").EnumerateArray());
        Assert.Equal("Withdraw", button.GetProperty("title").GetString());
        var ask = await staff.SubmitAsync(button.GetProperty("data").GetRawText());
        ask.Contains("Stop sending «New trail»?");
        ask.Contains("message(s) have gone out and stay sent");
        (await staff.SayAsync("Keep sending")).Contains("Nothing changed: «New trail» keeps going out."); // a button's title, typed back

        // A question left unanswered lapses when staff go on to something else: a later "yes" withdraws nothing.
        (await staff.SayAsync("withdraw")).Contains("Stop sending «New trail»?");
        (await staff.SayAsync("what are the next key dates")).DoesNotContain("Reply «confirm» to withdraw it");
        (await staff.SayAsync("yes")).DoesNotContain("Withdrawn");
        Assert.Equal(NotificationStatus.Queued, Assert.Single(await NotificationsAsync()).Status);
        var beforeWithdrawal = SentTo(subscribers);
        await WaitUntilAsync(() => SentTo(subscribers) > beforeWithdrawal);

        (await staff.SayAsync("withdraw")).Contains("Stop sending «New trail»?");
        var done = await staff.SayAsync("Withdraw"); // the confirming button's title, as Web Chat without cards sends it
        done.Contains("Withdrawn: «New trail» goes to nobody else.");

        var report = await Channel.WaitForActivityAsync(a => a.Conversation?.Id == staff.ConversationId
            && (a.Attachments?.Any(at => at.Content?.GetRawText().Contains("Delivery report", StringComparison.Ordinal) == true) ?? false));
        var sent = SentTo(subscribers);
        Assert.InRange(sent, beforeWithdrawal + 1, Subscribers - 1);
        var reportCard = new Replies([report]);
        reportCard.Contains("Sending of «New trail» was stopped");
        reportCard.Contains($"{sent} / {Subscribers} sent, 0 failed, 0 unreachable, 0 pending, {Subscribers - sent} withdrawn");

        var notification = Assert.Single(await NotificationsAsync());
        Assert.Equal(NotificationStatus.Cancelled, notification.Status);
        var deliveries = await PublishingSeed.DeliveriesAsync(Bot.Services, notification.Id);
        Assert.Equal(sent, deliveries.Count(d => d.Status == DeliveryStatus.Sent));
        Assert.All(deliveries.Where(d => d.Status != DeliveryStatus.Sent), d => Assert.Equal((DeliveryStatus.Skipped, DeliveryReasons.Withdrawn), (d.Status, d.LastError)));

        // Nothing more goes out afterwards, and a second withdrawal changes nothing.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(sent, SentTo(subscribers));
        (await staff.SayAsync($"withdraw {notification.Id}")).Contains("«New trail» was already withdrawn.");
        (await staff.SayAsync("withdraw")).Contains("Nothing is being sent right now, so there is nothing to withdraw.");
    }

    [Fact]
    public async Task In_french_a_finished_publication_is_too_late_and_citizens_are_refused()
    {
        await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.News, serviceUrl: Channel.ServiceUrl);
        var staff = new StaffChat(Client, Channel, StaffOid, "fr-CA");
        await staff.SayAsync("publier nouvelle parc-des-berges\nNouveau sentier\nLe sentier riverain ouvre samedi.");
        (await staff.SayAsync("confirmer")).Contains("Dites « avancement ");
        var notification = Assert.Single(await NotificationsAsync());
        await WaitUntilAsync(async () => (await NotificationAsync(notification.Id)).Status == NotificationStatus.Completed);

        (await staff.SayAsync($"retirer {notification.Id}")).Contains("Trop tard pour retirer « Nouveau sentier » : chaque message a déjà été traité (1 / 1 envoyés");
        (await staff.SayAsync("retirer 0123456789abcdef0123456789abcdef")).Contains("Aucune notification n'a l'identifiant « 0123456789abcdef0123456789abcdef ».");
        var citizen = new StaffChat(Client, Channel, aadObjectId: "c1c1c1c1-0000-4000-8000-0000000c1713", "fr-CA");
        (await citizen.SayAsync($"retirer {notification.Id}")).Contains("Cette commande est réservée à l'équipe du projet.");
        Assert.Equal(NotificationStatus.Completed, (await NotificationAsync(notification.Id)).Status);

        // A draft left by the REST API: the buttons' French titles typed back keep it, then discard it.
        var draft = await CreateAsync("Brouillon oublié");
        (await staff.SayAsync($"retirer {draft}")).Contains("Abandonner le brouillon « Brouillon oublié »? Rien n'en a été envoyé.");
        (await staff.SayAsync("Continuer l'envoi")).Contains("Rien n'a changé : le brouillon « Brouillon oublié » est gardé.");
        await staff.SayAsync($"retirer {draft}");
        (await staff.SayAsync("Retirer")).Contains("Le brouillon « Brouillon oublié » est abandonné; rien n'a été envoyé.");
        Assert.Equal(NotificationStatus.Cancelled, (await NotificationAsync(draft)).Status);
    }

    [Fact]
    public async Task The_staff_api_cancels_a_draft_or_a_publication_repeatably_and_refuses_a_delivered_one()
    {
        var subscribers = await SubscribersAsync();

        // A draft: discarded, cannot be published afterwards.
        var draft = await CreateAsync("Brouillon");
        using (var cancelled = await PostAsync($"/api/staff/notifications/{draft}/cancel"))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            Assert.Equal("cancelled", (await JsonAsync(cancelled)).GetProperty("status").GetString());
        }

        using (var publish = await PostAsync($"/api/staff/notifications/{draft}/publish"))
        {
            Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
            Assert.Contains("was withdrawn", await Activities.ProblemDetailAsync(publish), StringComparison.Ordinal);
        }

        // A publication going out: cancelling, then cancelled once the dispatcher held the rest back; repeating is harmless.
        var news = await CreateAsync("Sentier");
        using (var publish = await PostAsync($"/api/staff/notifications/{news}/publish"))
        {
            Assert.Equal(HttpStatusCode.Accepted, publish.StatusCode);
        }

        await WaitUntilAsync(() => SentTo(subscribers) >= 2);
        using (var cancel = await PostAsync($"/api/staff/notifications/{news}/cancel"))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelling", (await JsonAsync(cancel)).GetProperty("status").GetString());
        }

        await WaitUntilAsync(async () => (await NotificationAsync(news)).Status == NotificationStatus.Cancelled);
        using (var again = await PostAsync($"/api/staff/notifications/{news}/cancel"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var view = await JsonAsync(again);
            Assert.Equal("cancelled", view.GetProperty("status").GetString());
            var counts = view.GetProperty("progress");
            Assert.Equal(SentTo(subscribers), counts.GetProperty("sent").GetInt32());
            Assert.Equal(Subscribers - SentTo(subscribers), counts.GetProperty("withdrawn").GetInt32());
            Assert.True(counts.GetProperty("finished").GetBoolean());
        }

        using (var unknown = await PostAsync("/api/staff/notifications/0123456789abcdef0123456789abcdef/cancel"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // Delivered in full: nothing left to withdraw.
        var delivered = await CreateAsync("Livré");
        using (var publish = await PostAsync($"/api/staff/notifications/{delivered}/publish"))
        {
            Assert.Equal(HttpStatusCode.Accepted, publish.StatusCode);
        }

        await WaitUntilAsync(async () => (await NotificationAsync(delivered)).Status == NotificationStatus.Completed);
        using var late = await PostAsync($"/api/staff/notifications/{delivered}/cancel");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("nothing left to withdraw", await Activities.ProblemDetailAsync(late), StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<Participant>> SubscribersAsync()
    {
        var subscribers = new List<Participant>();
        for (var i = 0; i < Subscribers; i++)
        {
            subscribers.Add(await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.News, language: i % 2 == 0 ? "fr" : "en", serviceUrl: Channel.ServiceUrl));
        }

        return subscribers;
    }

    private int SentTo(IReadOnlyList<Participant> subscribers)
    {
        var conversations = subscribers.Select(p => "conv-" + p.UserId).ToHashSet(StringComparer.Ordinal);
        return Channel.SentActivities.Count(a => a.Conversation?.Id is { } id && conversations.Contains(id));
    }

    private async Task<string> CreateAsync(string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications")
        {
            Content = new StringContent("{\"kind\":\"news\",\"title\":{\"fr\":\"" + title + "\"},\"body\":{\"fr\":\"Corps.\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> PostAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", ApiKey);
        return await Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<IReadOnlyList<Notification>> NotificationsAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<INotificationStore>().ListByProjectAsync(PublishingSeed.Project, PageRequest.First(), default)).Items;
    }

    private async Task<Notification> NotificationAsync(string id)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<INotificationStore>().GetAsync(id, default))!;
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the dispatcher.");
            await Task.Delay(50);
        }
    }
}
