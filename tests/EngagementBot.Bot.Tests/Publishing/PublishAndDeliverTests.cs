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

    private static string UserOf(Participant participant) => participant.UserId;
}
