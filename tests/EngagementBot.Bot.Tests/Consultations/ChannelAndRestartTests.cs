using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// Channel-aware prompts (numbered text on SMS, suggested actions on Telegram, cards and Action.Execute on
/// Teams), the data export, and resuming a consultation after the application restarts on the same database.
/// </summary>
public sealed class ChannelAndRestartTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Turns:MessagesPerConversation"] = "1000" };
    private ConnectorStubServer _channel = null!;

    public async Task InitializeAsync() => _channel = await ConnectorStubServer.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task Sms_gets_numbered_plain_text_and_typed_numbers_work()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel, "fr-CA", Channels.Sms);

        var consent = await chat.SayAsync("commencer");
        Assert.Empty(consent.Cards);
        consent.Contains("1. Oui\n2. Non");
        consent.Contains("Répondez 1 ou 2.");

        var question = await chat.SayAsync("1");
        Assert.Empty(question.Cards);
        Assert.All(question.Activities, a => Assert.Null(a.SuggestedActions));
        question.Contains("1. Presque tous les jours");
        question.Contains("Répondez 1, 2, 3, 4 ou 5.");
        (await chat.SayAsync("4")).Contains("Qu'aimeriez-vous faire au parc?");
    }

    [Fact]
    public async Task Email_gets_numbered_plain_text_in_english_and_typed_numbers_work()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel, "en-US", Channels.Email);

        var consent = await chat.SayAsync("start");
        Assert.Empty(consent.Cards);
        consent.Contains("1. Yes\n2. No");

        var question = await chat.SayAsync("1");
        Assert.Empty(question.Cards);
        Assert.All(question.Activities, a => Assert.Null(a.SuggestedActions));
        question.Contains("1. Almost every day");
        question.Contains("Reply 1, 2, 3, 4 or 5.");
        (await chat.SayAsync("2")).Contains("What would you like to do in the park?");
    }

    [Fact]
    public async Task An_answer_on_sms_gets_one_message_with_the_acknowledgement_and_the_next_question()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel, "fr-CA", Channels.Sms);
        await chat.SayAsync("commencer");
        await chat.SayAsync("1");

        var next = await chat.SayAsync("4");

        // One SMS per answer: "Noted." leads into the next question in the same message, not in a message of its own.
        var message = Assert.Single(next.Activities);
        Assert.StartsWith("C'est noté.", message.Text, StringComparison.Ordinal);
        Assert.Contains("Qu'aimeriez-vous faire au parc?", message.Text, StringComparison.Ordinal);
        Assert.Equal(InputHints.ExpectingInput, message.InputHint);

        var refused = Assert.Single((await chat.SayAsync("9")).Activities);
        Assert.Contains("9", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Qu'aimeriez-vous faire au parc?", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_on_teams_gets_one_message_with_the_acknowledgement_above_the_next_card()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel, "en-US", Channels.MsTeams);
        await chat.SayAsync("start");
        await chat.SubmitAsync("""{"answer":"yes"}""");

        var next = await chat.SubmitAsync("""{"answer":"weekly"}""");

        var message = Assert.Single(next.Activities);
        Assert.Equal("Noted.", message.Text);
        var card = Assert.Single(next.Cards);
        Assert.Contains("What would you like to do in the park?", card.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facebook_gets_suggested_actions_in_french_and_the_tapped_title_answers()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel, "fr-CA", Channels.Facebook);
        await chat.SayAsync("commencer");

        var question = await chat.SayAsync("Oui");

        // Quick-reply titles are cut at 20 characters: the title is shortened, the value sent back stays whole, and the
        // text lists the options in full so the participant knows what a shortened button means.
        var prompt = Assert.Single(question.Activities, a => a.SuggestedActions is not null);
        var first = prompt.SuggestedActions!.Actions![0];
        Assert.Equal(ActionTypes.ImBack, first.Type);
        Assert.StartsWith("Presque tous les jo", first.Title, StringComparison.Ordinal);
        Assert.All(prompt.SuggestedActions.Actions, a => Assert.True(a.Title!.Length <= 20, a.Title));
        Assert.Empty(question.Cards);
        question.Contains("1. Presque tous les jours");
        question.Contains("3. Quelques fois par mois");
        var tapped = prompt.SuggestedActions.Actions[1].Value!.Value.GetString()!;
        (await chat.SayAsync(tapped)).Contains("Qu'aimeriez-vous faire au parc?");
    }

    [Fact]
    public async Task Telegram_gets_suggested_actions_for_single_choice_prompts()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel, "en-US", Channels.Telegram);
        await chat.SayAsync("start");

        var question = await chat.SayAsync("Yes");

        var prompt = Assert.Single(question.Activities, a => a.SuggestedActions is not null);
        Assert.Equal(5, prompt.SuggestedActions!.Actions!.Count);
        Assert.Equal("Almost every day", prompt.SuggestedActions.Actions[0].Title);
        Assert.Equal(ActionTypes.ImBack, prompt.SuggestedActions.Actions[0].Type);
        Assert.Empty(question.Cards);
        (await chat.SayAsync("Almost every day")).Contains("What would you like to do in the park?");
    }

    [Fact]
    public async Task Teams_gets_cards_and_action_execute_feeds_the_dialog()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel, "en-US", Channels.MsTeams);
        var consent = await chat.SayAsync("start");
        var card = Assert.Single(consent.Cards);
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        Assert.Contains(card.GetProperty("actions").EnumerateArray(), a => a.GetProperty("data").GetProperty("answer").GetString() == "yes");

        (await chat.SubmitAsync("""{"answer":"yes"}""")).Contains("How often do you go to Riverside Park?");

        var invoke = Activities.Message(_channel.ServiceUrl, string.Empty, "en-US", Channels.MsTeams, chat.ConversationId);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Text = null;
        invoke.From = new ChannelAccount { Id = chat.UserId };
        invoke.Value = JsonDocument.Parse("""{"action":{"type":"Action.Execute","verb":"answer","data":{"answer":"weekly"}}}""").RootElement;
        using var response = await Activities.PostAsync(client, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        await _channel.WaitForActivityAsync(a => a.ReplyToId == invoke.Id && a.Attachments?.Any(x => x.Content?.GetRawText().Contains("What would you like to do", StringComparison.Ordinal) == true) == true);
        await using var scope = bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync(Channels.MsTeams, chat.UserId, default);
        var stored = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant!.Id, "berges-2026", default);
        Assert.Equal(new ChoiceAnswer("weekly"), stored!.AnswerTo("frequency"));
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().ListByParticipantAsync(participant.Id, default));
    }

    [Fact]
    public async Task The_consultation_resumes_at_the_first_unanswered_question_after_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "engagementbot-tests", "restart-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(Settings) { ["Storage:DataFolder"] = folder };
        var userId = "restart-user";
        var conversation = string.Empty;
        try
        {
            await using (var first = new BotApplicationFactory(settings))
            {
                using var client = new HttpClient { BaseAddress = first.BaseAddress };
                var chat = new ConsultationChat(client, _channel) { UserId = userId };
                conversation = chat.ConversationId;
                await chat.SayAsync("start");
                await chat.SayAsync("yes");
                (await chat.SayAsync("2")).Contains("What would you like to do in the park?");
            }

            await using var second = new BotApplicationFactory(settings);
            using var client2 = new HttpClient { BaseAddress = second.BaseAddress };

            // Same conversation: the pending question is still pending, the answer goes to it.
            var activity = Activities.Message(_channel.ServiceUrl, "1, 3", "en-US", "directline", conversation);
            var resumed = await new ConsultationChat(client2, _channel) { UserId = userId }.SendAsync(activity);
            resumed.Contains("Rank your top three priorities");

            // A new conversation of the same user: "start" resumes at the first unanswered question (consent kept).
            var fresh = new ConsultationChat(client2, _channel) { UserId = userId };
            var again = await fresh.SayAsync("start");
            again.DoesNotContain("Do you agree?");
            again.Contains("Rank your top three priorities");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Export_lists_what_is_stored_with_a_json_attachment()
    {
        await using var bot = new BotApplicationFactory(Settings);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new ConsultationChat(client, _channel);
        await chat.SayAsync("start");
        await chat.SayAsync("yes");
        await chat.SayAsync("3");

        var export = await chat.SayAsync("what data do you have on me");

        export.Contains("1 consent(s); 0 subscription(s); 1 consultation response(s) with 1 answer(s)");
        var file = Assert.Single(export.Activities.SelectMany(a => a.Attachments ?? []), a => a.ContentType == AttachmentContentTypes.Json);
        Assert.Equal("engagementbot-my-data.json", file.Name);
        Assert.Contains("monthly", file.Content!.Value.GetRawText(), StringComparison.Ordinal);

        // Everything erasure would remove: the conversation reference and the dialog state of this conversation too.
        var json = file.Content!.Value.GetRawText();
        Assert.Contains("conversationReferences", json, StringComparison.Ordinal);
        Assert.Contains(EngagementBot.Storage.StateKeys.Dialog("directline", chat.ConversationId, chat.UserId), json, StringComparison.Ordinal);
        export.Contains("Back to where we were:");

        (await chat.SayAsync("delete my data")).Contains("Erase everything?");
    }

    [Fact]
    public async Task Two_instances_on_one_database_answering_the_same_conversation_at_once_lose_no_answer()
    {
        var folder = Path.Combine(Path.GetTempPath(), "engagementbot-tests", "instances-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(Settings) { ["Storage:DataFolder"] = folder };
        try
        {
            await using var first = new BotApplicationFactory(settings);
            await using var second = new BotApplicationFactory(settings);
            using var client1 = new HttpClient { BaseAddress = first.BaseAddress };
            using var client2 = new HttpClient { BaseAddress = second.BaseAddress };
            var chat1 = new ConsultationChat(client1, _channel) { UserId = "two-instances" };
            await chat1.SayAsync("start");
            await chat1.SayAsync("yes");
            var chat2 = new ConsultationChat(client2, _channel) { UserId = "two-instances" };

            // The in-process lock cannot help here: only storage can (SQLite write lock per turn; ETag check + re-run elsewhere).
            var a = Activities.Message(_channel.ServiceUrl, "1", "en-US", "directline", chat1.ConversationId);
            var b = Activities.Message(_channel.ServiceUrl, "2", "en-US", "directline", chat1.ConversationId);
            var replies = await Task.WhenAll(chat1.SendAsync(a), chat2.SendAsync(b));
            Assert.All(replies, r => r.DoesNotContain("something went wrong"));

            await using var scope = first.Services.CreateAsyncScope();
            var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", "two-instances", default);
            var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant!.Id, "berges-2026", default);
            Assert.NotNull(response!.AnswerTo("frequency"));
            Assert.NotNull(response.AnswerTo("activities"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
