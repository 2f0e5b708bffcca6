using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// Direct Line carries the Web Chat and other clients (a custom app on botframework-directlinejs, a kiosk, a voice
/// front end). Through the real bot over HTTP: a conversation without Web Chat's marks takes the consultation with
/// suggested actions and numbered text and never gets an Adaptive Card; the Web Chat (either of its marks) still gets
/// cards; the client is kept on the stored conversation reference and follows a change of client.
/// </summary>
public sealed class DirectLineClientRenderingTests : BotWithChannelTests
{
    protected override Dictionary<string, string?> Settings => new() { ["Turns:MessagesPerConversation"] = "1000" };

    [Fact]
    public async Task A_generic_Direct_Line_client_takes_the_consultation_with_suggested_actions_and_numbered_text_never_a_card()
    {
        var chat = new ConsultationChat(Client, Channel, "en-US", Channels.DirectLine) { WebChatMarks = false };

        var consent = await chat.SayAsync("start");
        var consentPrompt = Assert.Single(consent.Activities, a => a.SuggestedActions is not null);
        Assert.Equal(["Yes", "No"], consentPrompt.SuggestedActions!.Actions!.Select(a => a.Title));

        var question = await chat.SayAsync("Yes");
        var prompt = Assert.Single(question.Activities, a => a.SuggestedActions is not null);
        Assert.Equal(5, prompt.SuggestedActions!.Actions!.Count);
        Assert.Equal(ActionTypes.ImBack, prompt.SuggestedActions.Actions[0].Type);
        Assert.Equal("Almost every day", prompt.SuggestedActions.Actions[0].Title);
        question.Contains("How often do you go to Riverside Park?");

        // A multi-choice question has no suggested-action form: the options come as numbered text, answered by number.
        var activities = await chat.SayAsync("Almost every day");
        activities.Contains("What would you like to do in the park?");
        activities.Contains("1. Walking or running");
        activities.Contains("7. Enjoying nature by the water");
        Assert.All(activities.Activities, a => Assert.Null(a.SuggestedActions));
        var ranking = await chat.SayAsync("1, 3");
        ranking.Contains("Rank your top three priorities");

        AssertNoCard(consent, question, activities, ranking);
        var reference = await ReferenceAsync(chat);
        Assert.Equal(ChatClient.GenericDirectLine, reference.Client);
    }

    [Fact]
    public async Task A_generic_Direct_Line_client_in_french_gets_shortened_buttons_and_the_options_in_full_as_numbered_text()
    {
        var chat = new ConsultationChat(Client, Channel, "fr-CA", Channels.DirectLine) { WebChatMarks = false };
        var consent = await chat.SayAsync("commencer");

        var question = await chat.SayAsync("Oui");

        // "Presque tous les jours" is longer than a button title: buttons cut at 20 characters, the text numbers them all.
        var prompt = Assert.Single(question.Activities, a => a.SuggestedActions is not null);
        Assert.All(prompt.SuggestedActions!.Actions!, a => Assert.True(a.Title!.Length <= 20, a.Title));
        question.Contains("1. Presque tous les jours");
        question.Contains("3. Quelques fois par mois");
        var tapped = prompt.SuggestedActions.Actions![0].Value!.Value.GetString()!;
        Assert.Equal("Presque tous les jours", tapped);
        var next = await chat.SayAsync(tapped);
        next.Contains("Qu'aimeriez-vous faire au parc?");
        AssertNoCard(consent, question, next);
    }

    [Fact]
    public async Task Web_Chat_over_Direct_Line_still_gets_cards_recognised_by_either_of_its_marks()
    {
        var chat = new ConsultationChat(Client, Channel, "en-US", Channels.DirectLine);

        // Web Chat's first activity: the ClientCapabilities entity (here without channelData, to test the mark alone).
        var first = Activities.Message(Channel.ServiceUrl, "start", "en-US", Channels.DirectLine, chat.ConversationId).AsGenericDirectLine();
        first.Entities = [new Entity { Type = "ClientCapabilities" }];
        var consent = await chat.SendAsync(first);
        var card = Assert.Single(consent.Cards);
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.All(consent.Activities, a => Assert.Null(a.SuggestedActions));

        // Every later activity: channelData.clientActivityID (what Activities.Message puts on a directline message).
        var question = await chat.SubmitAsync("""{"answer":"yes"}""");
        Assert.Single(question.Cards);
        question.Contains("How often do you go to Riverside Park?");
        Assert.All(question.Activities, a => Assert.Null(a.SuggestedActions));
        Assert.Equal(ChatClient.WebChat, (await ReferenceAsync(chat)).Client);
    }

    [Fact]
    public async Task The_stored_reference_follows_a_change_of_client_in_the_same_conversation()
    {
        var generic = new ConsultationChat(Client, Channel, "en-US", Channels.DirectLine) { WebChatMarks = false };
        (await generic.SayAsync("subscribe")).Contains("Done: you are subscribed to «Riverside Park redevelopment».");
        Assert.Equal(ChatClient.GenericDirectLine, (await ReferenceAsync(generic)).Client);

        // The same user and conversation, now through Web Chat (a known participant: ParticipantRegistry updates it).
        var webChat = new ConsultationChat(Client, Channel, "en-US", Channels.DirectLine) { UserId = generic.UserId };
        var activity = Activities.Message(Channel.ServiceUrl, "start", "en-US", Channels.DirectLine, generic.ConversationId);
        var consent = await webChat.SendAsync(activity);
        Assert.Single(consent.Cards);
        Assert.Equal(ChatClient.WebChat, (await ReferenceAsync(generic)).Client);

        var back = Activities.Message(Channel.ServiceUrl, "yes", "en-US", Channels.DirectLine, generic.ConversationId).AsGenericDirectLine();
        var question = await webChat.SendAsync(back);
        Assert.Empty(question.Cards);
        Assert.Single(question.Activities, a => a.SuggestedActions is not null);
        Assert.Equal(ChatClient.GenericDirectLine, (await ReferenceAsync(generic)).Client);
    }

    private static void AssertNoCard(params Replies[] turns) =>
        Assert.All(turns.SelectMany(t => t.Activities).SelectMany(a => a.Attachments ?? []), a => Assert.NotEqual(AttachmentContentTypes.AdaptiveCard, a.ContentType));

    private Task<ConversationReferenceRecord> ReferenceAsync(ConsultationChat chat) =>
        StoredReferenceAsync(Channels.DirectLine, chat.ConversationId, chat.UserId);
}
