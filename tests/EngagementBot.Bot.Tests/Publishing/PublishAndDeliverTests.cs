using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>
/// Closing the loop with nothing stubbed inside the bot: staff publish in Teams, the outbox dispatcher delivers the
/// personal message to each subscriber's conversation through the connector, marks the notification completed, and
/// the publisher gets the final delivery report card by itself.
/// </summary>
public sealed class PublishAndDeliverTests : BotWithChannelTests
{
    private const string StaffOid = "0f0f0f0f-0000-4000-8000-00000000057b";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Storage:SeedDemoContent"] = "true",
        ["Staff:Members:0:AadObjectId"] = StaffOid,
        ["Turns:MessagesPerConversation"] = "1000",
        ["Dispatch:QuietHours:Enabled"] = "false",
    };

    protected override void ConfigureServices(IServiceCollection services) => CountingResponseStore.Decorate(services);

    [Fact]
    public async Task Published_news_reaches_every_subscriber_once_in_their_language_and_the_publisher_gets_the_report()
    {
        var french = await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.News, serviceUrl: Channel.ServiceUrl);
        var english = await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.All, language: "en", serviceUrl: Channel.ServiceUrl);
        var staff = new StaffChat(Client, Channel, StaffOid);

        await staff.SayAsync("publish news parc-des-berges");
        await staff.SayAsync("Nouveau sentier\nLe sentier riverain ouvre samedi.\n---\nNew trail\nThe riverside trail opens on Saturday.");
        (await staff.SubmitAsync("""{"answer":"confirm"}""")).Contains("Published. 2 message(s) queued");

        var report = await Channel.WaitForActivityAsync(a => a.Conversation?.Id == staff.ConversationId
            && (a.Attachments?.Any(at => at.Content?.GetRawText().Contains("Delivery report", StringComparison.Ordinal) == true) ?? false));
        new Replies([report]).Contains("2 / 2 sent, 0 failed, 0 unreachable, 0 pending");

        var toFrench = Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == "conv-" + UserOf(french));
        Assert.Contains("Le sentier riverain ouvre samedi.", toFrench.Text, StringComparison.Ordinal);
        var toEnglish = Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == "conv-" + UserOf(english));
        Assert.Contains("The riverside trail opens on Saturday.", toEnglish.Text, StringComparison.Ordinal);

        await using var scope = Bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        var notification = Assert.Single((await store.ListByProjectAsync(PublishingSeed.Project, new PageRequest(), default)).Items);
        Assert.Equal(NotificationStatus.Completed, (await store.GetAsync(notification.Id, default))!.Status);
    }

    [Fact]
    public async Task Published_results_say_you_took_part_to_those_who_did_and_participations_are_read_once_per_batch()
    {
        var tookPartFrench = await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.Results, serviceUrl: Channel.ServiceUrl);
        var tookPartEnglish = await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.Results, language: "en", serviceUrl: Channel.ServiceUrl);
        var onlyStarted = await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.Results, language: "en", serviceUrl: Channel.ServiceUrl);
        var subscriberOnly = await PublishingSeed.AddSubscriberAsync(Bot.Services, SubscriptionTopics.All, serviceUrl: Channel.ServiceUrl);
        await RespondAsync(tookPartFrench, submit: true);
        await RespondAsync(tookPartEnglish, submit: true);
        await RespondAsync(onlyStarted, submit: false);
        var reads = Bot.Services.GetRequiredService<ResponseReadCounter>();
        reads.Reset();
        var staff = new StaffChat(Client, Channel, StaffOid);

        await staff.SayAsync("publish results parc-des-berges");
        await staff.SayAsync("Le parc aura des jeux d'eau\nLe conseil a retenu le scénario B.\n---\nSplash pad is in\nThe council chose option B.");
        (await staff.SubmitAsync("""{"answer":"confirm"}""")).Contains("Published. 4 message(s) queued");
        var report = await Channel.WaitForActivityAsync(a => a.Conversation?.Id == staff.ConversationId
            && (a.Attachments?.Any(at => at.Content?.GetRawText().Contains("Delivery report", StringComparison.Ordinal) == true) ?? false));
        new Replies([report]).Contains("4 / 4 sent, 0 failed, 0 unreachable, 0 pending");

        Assert.Contains("Vous avez participé à « Réaménagement du parc des Berges : votre avis » le ", TextTo(tookPartFrench), StringComparison.Ordinal);
        Assert.Contains("Le conseil a retenu le scénario B.", TextTo(tookPartFrench), StringComparison.Ordinal);
        Assert.Contains("You took part in «Riverside Park redevelopment: your views» on ", TextTo(tookPartEnglish), StringComparison.Ordinal);
        Assert.DoesNotContain("took part", TextTo(onlyStarted), StringComparison.Ordinal);
        Assert.Contains("The council chose option B.", TextTo(onlyStarted), StringComparison.Ordinal);
        Assert.DoesNotContain("participé", TextTo(subscriberOnly), StringComparison.Ordinal);

        // One batch: the four participations were read at once, none per recipient.
        Assert.Equal(0, reads.ByParticipant);
        Assert.Equal(1, reads.Submissions);
    }

    private async Task RespondAsync(Participant participant, bool submit)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var responses = scope.ServiceProvider.GetRequiredService<IResponseStore>();
        var response = await responses.StartAsync(participant.Id, "berges-2026", default);
        if (submit)
        {
            await responses.SubmitAsync(response.Id, null, default);
        }
    }

    private string TextTo(Participant participant) =>
        Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == "conv-" + participant.UserId).Text ?? "";

    private static string UserOf(Participant participant) => participant.UserId;
}
