using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// "Delete my data" and consent withdrawal through POST /api/messages with the real bot, then checked in the SQLite
/// file itself: what the privacy notice promises is really gone (or anonymous), and nothing is written back.
/// </summary>
public sealed class PrivacyTranscriptTests : BotWithChannelTests
{
    protected override Dictionary<string, string?> Settings => new() { ["Turns:MessagesPerConversation"] = "1000" };

    [Fact]
    public async Task English_delete_my_data_mid_question_asks_first_then_leaves_nothing_but_an_anonymous_response()
    {
        var chat = new ConsultationChat(Client, Channel);
        var participantId = await AnswerSomeQuestionsAsync(chat, "start", "yes", "never", "The bus does not go there", "subscribe");

        var confirm = await chat.SayAsync("delete my data");
        confirm.Contains("Do you want me to erase everything I keep about you?");
        confirm.Contains("your 1 consent(s) and 1 subscription(s)");
        confirm.Contains("Your answers to «Riverside Park redevelopment: your views» will be made anonymous");
        confirm.Contains("free-text answers removed");
        confirm.Contains("This cannot be undone. Erase everything?");

        var done = await chat.SayAsync("yes");
        done.Contains("Done: everything I kept about you has been erased (0 response(s) deleted, 1 made anonymous).");
        done.DoesNotContain("Back to where we were");

        await AssertNothingLeftAsync(chat, participantId, "The bus does not go there");
    }

    [Fact]
    public async Task French_supprimer_mes_donnees_then_oui_erases_everything_and_a_new_message_starts_from_scratch()
    {
        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");
        var participantId = await AnswerSomeQuestionsAsync(chat, "commencer", "oui", "Jamais", "Trop loin de chez moi", "annuler", "abonner", "arrêt");

        // The stop left a note of what to give back on "abonner" (user state): erasure must remove it too.
        Assert.Equal(1, await new PersonalDataDatabase(Bot.DataFolder).CountAsync("SELECT COUNT(*) FROM state WHERE state_key = $key", ("$key", StateKeys.User("directline", chat.UserId))));

        var confirm = await chat.SayAsync("supprimer mes données");
        confirm.Contains("Voulez-vous que j'efface tout ce que je garde sur vous?");
        confirm.Contains("seront rendues anonymes");
        confirm.Contains("Tout effacer?");
        (await chat.SayAsync("oui")).Contains("C'est fait : tout ce que je gardais sur vous a été effacé (0 réponse(s) supprimée(s), 1 rendue(s) anonyme(s)).");

        await AssertNothingLeftAsync(chat, participantId, "Trop loin de chez moi");

        // A later message is a first contact: asked for consent again, and nothing is stored about them until they give it.
        (await chat.SayAsync("commencer")).Contains("Acceptez-vous?");
        var database = new PersonalDataDatabase(Bot.DataFolder);
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM participants WHERE id = $id", ("$id", participantId)));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM participants WHERE user_id = $user", ("$user", chat.UserId)));
        await chat.SayAsync("oui");
        Assert.Equal(1, await database.CountAsync("SELECT COUNT(*) FROM participants WHERE user_id = $user AND id <> $id", ("$user", chat.UserId), ("$id", participantId)));
    }

    [Fact]
    public async Task Declining_the_erasure_keeps_everything_and_goes_back_to_the_question()
    {
        var chat = new ConsultationChat(Client, Channel);
        await chat.SayAsync("start");
        await chat.SayAsync("yes");

        (await chat.SayAsync("erase my data")).Contains("Erase everything?");
        var kept = await chat.SayAsync("no");
        kept.Contains("All right, I haven't erased anything.");
        kept.Contains("Back to where we were:");
        kept.Contains("How often do you go to Riverside Park?");

        // Something else than yes/no: nothing erased, and the message is handled as usual (here: an answer).
        (await chat.SayAsync("delete my data")).Contains("Erase everything?");
        var answered = await chat.SayAsync("Every week");
        answered.Contains("I haven't erased anything.");
        answered.Contains("What would you like to do in the park?");

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        Assert.NotNull(participant);
        Assert.Single(participant.Consents);
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant.Id, "berges-2026", default);
        Assert.Equal(new ChoiceAnswer("weekly"), response!.AnswerTo("frequency"));
    }

    [Fact]
    public async Task English_consent_withdrawal_explains_the_effect_records_it_and_anonymises_the_answers()
    {
        var chat = new ConsultationChat(Client, Channel);
        var participantId = await AnswerSomeQuestionsAsync(chat, "start", "yes", "never", "I have no car");

        var confirm = await chat.SayAsync("I withdraw my consent");
        confirm.Contains("Do you want to withdraw your consent to «Riverside Park redevelopment: your views»?");
        confirm.Contains("As the privacy notice says, your answers to «Riverside Park redevelopment: your views» will be made anonymous");
        confirm.Contains("Full privacy notice: https://riviere-claire.example/confidentialite");
        confirm.Contains("I will record the withdrawal");

        var done = await chat.SayAsync("yes");
        done.Contains("Done: the withdrawal of your consent is recorded. Your answers to «Riverside Park redevelopment: your views» are now anonymous.");
        done.DoesNotContain("Back to where we were");

        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().GetAsync(participantId, default);
            var consent = Assert.Single(participant!.Consents);
            Assert.Equal("berges-2026", consent.ConsultationId);
            Assert.NotNull(consent.WithdrawnAt);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participantId, "berges-2026", default));
        }

        var database = new PersonalDataDatabase(Bot.DataFolder);
        Assert.Empty(await database.FindAnywhereAsync("I have no car"));
        var anonymous = await database.RowsAsync("SELECT id, participant_id FROM responses WHERE consultation_id = 'berges-2026'");
        Assert.Single(anonymous, r => r["participant_id"]!.StartsWith(ResponseAnonymizer.AnonymousPrefix, StringComparison.Ordinal));

        // Taking part again asks for consent again.
        (await chat.SayAsync("start")).Contains("Do you agree?");
        (await chat.SayAsync("I withdraw my consent")).Contains("You have not given your consent to any consultation");
    }

    [Fact]
    public async Task With_consent_given_to_two_consultations_the_withdrawal_asks_which_and_leaves_the_other_alone()
    {
        const string Summer = "berges-ete";
        var chat = new ConsultationChat(Client, Channel);
        var participantId = await AnswerSomeQuestionsAsync(chat, "start", "yes", "never", "I have no car");
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            // A second consultation of the project, to which the same person also gave consent and answered.
            var consultations = scope.ServiceProvider.GetRequiredService<IConsultationStore>();
            var demo = (await consultations.GetAsync("berges-2026", default))!;
            await consultations.SaveAsync(demo with { Id = Summer, Title = new LocalizedText("Un été aux Berges", "Summer at the Berges"), ETag = null }, default);
            var people = scope.ServiceProvider.GetRequiredService<IParticipantStore>();
            var participant = (await people.GetAsync(participantId, default))!;
            await people.SaveAsync(participant with { Consents = [.. participant.Consents, new ConsentRecord(Summer, "1", DateTimeOffset.UtcNow)] }, default);
            var responses = scope.ServiceProvider.GetRequiredService<IResponseStore>();
            var response = await responses.StartAsync(participantId, Summer, default);
            await responses.SaveAnswerAsync(response.Id, new Answer("frequency", new ChoiceAnswer("weekly"), DateTimeOffset.UtcNow), null, default);
        }

        var which = await chat.SayAsync("I withdraw my consent");
        which.Contains("You gave your consent to several consultations. Withdraw it from all of them, or from which one?");
        which.Contains("Summer at the Berges");
        which.Contains("All of them");

        var confirm = await chat.SayAsync("Summer at the Berges");
        confirm.Contains("Do you want to withdraw your consent to «Summer at the Berges»?");
        confirm.DoesNotContain("Riverside Park redevelopment: your views");
        (await chat.SayAsync("yes")).Contains("Done: the withdrawal of your consent is recorded.");

        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var participant = (await scope.ServiceProvider.GetRequiredService<IParticipantStore>().GetAsync(participantId, default))!;
            Assert.NotNull(Assert.Single(participant.Consents, c => c.ConsultationId == Summer).WithdrawnAt);
            Assert.Null(Assert.Single(participant.Consents, c => c.ConsultationId == "berges-2026").WithdrawnAt);
            var responses = scope.ServiceProvider.GetRequiredService<IResponseStore>();
            Assert.Null(await responses.FindAsync(participantId, Summer, default));
            Assert.NotNull(await responses.FindAsync(participantId, "berges-2026", default));
        }

        // One consent left: no question about which.
        (await chat.SayAsync("I withdraw my consent")).Contains("Do you want to withdraw your consent to «Riverside Park redevelopment: your views»?");
    }

    [Fact]
    public async Task French_retrait_du_consentement_refused_then_accepted_deletes_answers_when_the_notice_keeps_no_statistics()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IConsultationStore>();
            var consultation = await store.GetAsync("berges-2026", default);
            await store.SaveAsync(consultation! with { Consent = consultation.Consent with { KeepAnonymousAggregates = false } }, default);
        }

        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");
        var participantId = await AnswerSomeQuestionsAsync(chat, "commencer", "oui", "Chaque semaine");

        (await chat.SayAsync("je retire mon consentement")).Contains("seront supprimées");
        var kept = await chat.SayAsync("non");
        kept.Contains("D'accord, votre consentement reste tel quel.");
        kept.Contains("Qu'aimeriez-vous faire au parc?");

        (await chat.SayAsync("je retire mon consentement")).Contains("Retirer votre consentement?");
        var done = await chat.SayAsync("oui");
        done.Contains("le retrait de votre consentement est enregistré");
        done.Contains("ont été supprimées");

        var database = new PersonalDataDatabase(Bot.DataFolder);
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM responses"));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM answers"));
        var consents = await database.RowsAsync("SELECT consents FROM participants WHERE id = $id", ("$id", participantId));
        Assert.Contains("withdrawnAt", Assert.Single(consents)["consents"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_dialog_state_key_of_a_conversation_is_one_that_erasure_deletes()
    {
        var activity = Activities.Message("http://127.0.0.1:1/", "hi", conversationId: "a:conv-1");
        Assert.Equal(
            StateKeys.Dialog("directline", "a:conv-1", "user-1"),
            EngagementBot.Dialogs.Runtime.DialogRunner.StateKey(EngagementBot.Bot.Conversation.DialogTurnHandler.ConversationKey(activity)));
    }

    /// <summary>Sends the lines and returns the participant's id.</summary>
    private async Task<string> AnswerSomeQuestionsAsync(ConsultationChat chat, params string[] lines)
    {
        foreach (var line in lines)
        {
            await chat.SayAsync(line);
        }

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        Assert.NotNull(participant);
        return participant.Id;
    }

    private async Task AssertNothingLeftAsync(ConsultationChat chat, string participantId, string freeText)
    {
        var database = new PersonalDataDatabase(Bot.DataFolder);
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM participants WHERE id = $id OR user_id = $user", ("$id", participantId), ("$user", chat.UserId)));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM participant_subscriptions WHERE participant_id = $id", ("$id", participantId)));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM conversation_references WHERE participant_id = $id OR conversation_id = $conv", ("$id", participantId), ("$conv", chat.ConversationId)));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM state WHERE state_key LIKE $user OR state_key LIKE $conv", ("$user", "%" + chat.UserId + "%"), ("$conv", "%" + chat.ConversationId + "%")));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM responses WHERE participant_id = $id", ("$id", participantId)));

        // The anonymous copy the consent text allows: no link to the person, no free text, the choice kept.
        var response = Assert.Single(await database.RowsAsync("SELECT id, participant_id FROM responses WHERE consultation_id = 'berges-2026'"));
        Assert.StartsWith(ResponseAnonymizer.AnonymousPrefix, response["participant_id"], StringComparison.Ordinal);
        var answers = await database.RowsAsync("SELECT question_id FROM answers WHERE response_id = $id", ("$id", response["id"]!));
        Assert.Contains(answers, a => a["question_id"] == "frequency");
        Assert.DoesNotContain(answers, a => a["question_id"] == "why-not");

        // Nowhere in any table: the person's ids, their conversation, their words.
        Assert.Empty(await database.FindAnywhereAsync(participantId, chat.UserId, chat.ConversationId, freeText));
    }
}
