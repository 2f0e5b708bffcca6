using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Dialogs.ProjectInfo;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>
/// Proactive messages have no incoming activity to read the client from: they render for the client kept on the
/// conversation reference. Two citizens subscribe over Direct Line (one through Web Chat, one through another app),
/// staff publish news from Teams and the outbox delivers it; then the bot sends each of them a card proactively
/// (the project timeline): the Web Chat conversation gets the card, the other app its text, never a card.
/// </summary>
public sealed class DirectLineProactiveRenderingTests : BotWithChannelTests
{
    private const string StaffOid = "0f0f0f0f-0000-4000-8000-0000000005d1";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Storage:SeedDemoContent"] = "true",
        ["Staff:Members:0:AadObjectId"] = StaffOid,
        ["Turns:MessagesPerConversation"] = "1000",
        ["Dispatch:QuietHours:Enabled"] = "false",
    };

    [Fact]
    public async Task A_generic_Direct_Line_subscriber_gets_news_and_a_later_card_as_text_while_Web_Chat_gets_the_card()
    {
        var generic = new ConsultationChat(Client, Channel, "en-US", Channels.DirectLine) { WebChatMarks = false };
        var webChat = new ConsultationChat(Client, Channel, "en-US", Channels.DirectLine);
        (await generic.SayAsync("subscribe")).Contains("Done: you are subscribed to «Riverside Park redevelopment».");
        (await webChat.SayAsync("subscribe")).Contains("Done: you are subscribed to «Riverside Park redevelopment».");

        var staff = new StaffChat(Client, Channel, StaffOid);
        await staff.SayAsync("publish news parc-des-berges");
        await staff.SayAsync("Nouveau sentier\nLe sentier riverain ouvre samedi.\n---\nNew trail\nThe riverside trail opens on Saturday.");
        (await staff.SubmitAsync("""{"answer":"confirm"}""")).Contains("Published. 2 message(s) queued");

        // Neither chose a language: the news comes in the language of their conversation (English here), not the default.
        var news = await Channel.WaitForActivityAsync(a => a.Conversation?.Id == generic.ConversationId && a.Text?.Contains("The riverside trail opens on Saturday.", StringComparison.Ordinal) == true);
        Assert.Null(news.Attachments);
        await Channel.WaitForActivityAsync(a => a.Conversation?.Id == webChat.ConversationId && a.Text?.Contains("The riverside trail opens on Saturday.", StringComparison.Ordinal) == true);

        // A card sent later into each stored conversation.
        await using var scope = Bot.Services.CreateAsyncScope();
        var project = await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync(PublishingSeed.Project, default);
        var timeline = TimelineAnswer.Compose(project!, "en");
        var messenger = scope.ServiceProvider.GetRequiredService<IProactiveMessenger>();
        Assert.Equal(ProactiveSendOutcome.Sent, await messenger.SendAsync(ReferenceId(generic), [timeline], "en", default));
        Assert.Equal(ProactiveSendOutcome.Sent, await messenger.SendAsync(ReferenceId(webChat), [timeline], "en", default));

        var toGeneric = Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == generic.ConversationId && a.ReplyToId is null && a.Text == timeline.TextFallback);
        Assert.Null(toGeneric.Attachments);
        Assert.DoesNotContain(Channel.SentActivities, a => a.Conversation?.Id == generic.ConversationId
            && (a.Attachments ?? []).Any(x => x.ContentType == AttachmentContentTypes.AdaptiveCard));
        var toWebChat = Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == webChat.ConversationId
            && (a.Attachments ?? []).Any(x => x.ContentType == AttachmentContentTypes.AdaptiveCard));
        Assert.Null(toWebChat.ReplyToId);
    }

    private static string ReferenceId(ConsultationChat chat) => ConversationReferenceRecord.CreateId(Channels.DirectLine, chat.ConversationId, chat.UserId);
}
