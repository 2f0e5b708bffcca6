using System.Globalization;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// Transcripts of the demo consultation (berges-2026, seeded in Development with a fresh timeline, so open whatever
/// the date) through the full pipeline: real app on Kestrel, POST /api/messages, replies through the connector stub,
/// answers in SQLite.
/// </summary>
public sealed class ConsultationTranscriptTests : BotWithChannelTests
{
    // A whole questionnaire is more than the 20 messages per 10 s a conversation may send by default.
    protected override Dictionary<string, string?> Settings => new() { ["Turns:MessagesPerConversation"] = "1000" };

    [Fact]
    public async Task English_transcript_covers_every_question_type_show_if_skip_validation_recap_change_and_submit()
    {
        var chat = new ConsultationChat(Client, Channel);

        var consent = await chat.SayAsync("start");
        consent.Contains("Do you agree?");
        consent.Contains("https://riviere-claire.example/confidentialite");

        var first = await chat.SayAsync("yes");
        first.Contains("About a dozen questions");
        first.Contains("Question 1 — How often do you go to Riverside Park?");

        // Choice by card submit; show-if (frequency = never) brings the optional text question.
        var whyNot = await chat.SubmitAsync("""{"answer":"never"}""");
        whyNot.Contains("What keeps you from going?");
        whyNot.Contains("skip");

        var activities = await chat.SayAsync("skip");
        activities.Contains("Skipped.");
        activities.Contains("What would you like to do in the park?");

        // Multi-choice: too many, then numbers (walk + dog) → the dog-run question is shown.
        var tooMany = await chat.SayAsync("1, 2, 3, 4");
        tooMany.Contains("pick between 1 and 3 options");
        (await chat.SayAsync("walking")).Contains("«walking» fits several options: 1. Walking or running; 5. Walking my dog. Answer with the number of the one you mean.");
        var dogRun = await chat.SayAsync("1, 5");
        dogRun.Contains("Where would you prefer the fenced dog run?");

        // Choice by a close spelling of the label in the other language.
        var unknown = await chat.SayAsync("on the moon");
        unknown.Contains("«on the moon» is not one of the options. Answer with a number from 1 to 3");
        var ranking = await chat.SayAsync("Est side along the rivr");
        ranking.Contains("Rank your top three priorities");

        var badRank = await chat.SayAsync("2, 1");
        badRank.Contains("rank exactly 3 different options");
        var rating = await chat.SayAsync("2, 1, 3");
        rating.Contains("how safe do you feel");

        var badRating = await chat.SayAsync("9");
        badRating.Contains("give a whole number from 1 to 5");
        var lighting = await chat.SubmitAsync("""{"answer":"3"}""");
        lighting.Contains("Which spots should be lit first?");
        lighting.Contains("For example: the trail between the bridge");

        var splash = await chat.SayAsync("skip");
        splash.Contains("Do you support adding a splash pad");
        var notYesNo = await chat.SayAsync("maybe");
        notYesNo.Contains("answer **yes** or **no**");
        var concern = await chat.SayAsync("no");
        concern.Contains("What concerns you about the splash pad?");

        var minutes = await chat.SayAsync("Too expensive to maintain");
        minutes.Contains("How many minutes' walk");
        (await chat.SayAsync("a few")).Contains("«a few» is not a number");
        (await chat.SayAsync("200")).Contains("between 0 and 120");
        (await chat.SayAsync("12.5")).Contains("whole number");
        (await chat.SayAsync("10 or 15")).Contains("«10 or 15» is not a number");
        var contribution = await chat.SayAsync("about 15 minutes");
        contribution.Contains("what yearly amount per household");

        (await chat.SayAsync("25.555")).Contains("at most 2 decimal places");
        var festival = await chat.SayAsync("25,50");
        festival.Contains("Which weekend date in 2028");

        (await chat.SayAsync("next summer")).Contains("is not a date I can read");
        (await chat.SayAsync("2027-06-01")).Contains("must be between May 1, 2028 and October 31, 2028");
        var comments = await chat.SayAsync("the 17th of June"); // no year: the question's dates all lie in 2028
        comments.Contains("Any other comments");

        (await chat.SayAsync(new string('x', 2001))).Contains("your answer has 2001 characters; the limit is 2000");
        var recap = await chat.SayAsync("Keep the big trees please");
        recap.Contains("Here are your answers:");
        recap.Contains("1. How often do you go to Riverside Park? — **Never**");
        recap.Contains("Walking or running; Walking my dog");
        recap.Contains("how safe do you feel in the park? — **3 – Somewhat**"); // the point's label, as on its button
        recap.Contains("Trail lighting > Separate bike path > Splash pad");
        recap.Contains("June 17, 2028");
        recap.Contains("(skipped)");

        // Change answer 1: frequency becomes weekly, the why-not question disappears from the recap.
        var change = await chat.SayAsync("change 1");
        change.Contains("How often do you go to Riverside Park?");
        var recap2 = await chat.SayAsync("Every week");
        recap2.Contains("**Every week**");
        recap2.DoesNotContain("What keeps you from going?");

        var thanks = await chat.SayAsync("submit");
        thanks.Contains("Thank you! Your answers to «Riverside Park redevelopment: your views» have been sent.");
        // The demo is seeded with a fresh timeline (moved to today): the next phase's date is the seeded one.
        thanks.Contains($"What happens next: **Analysis and consultation report** starts on {await PhaseStartAsync("analyse")}.");
        thanks.Contains("Would you like to receive the project's news");

        (await chat.SayAsync("yes")).Contains("I'll let you know about news and results");

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        Assert.NotNull(participant);
        Assert.Single(participant.Consents, c => c.ConsultationId == "berges-2026" && c.Version == "2026-11-v1");
        Assert.Single(participant.Subscriptions, s => s.ProjectSlug == "parc-des-berges" && s.Topics == SubscriptionTopics.All);
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant.Id, "berges-2026", default);
        Assert.NotNull(response);
        Assert.NotNull(response.SubmittedAt);
        Assert.Equal(new ChoiceAnswer("weekly"), response.AnswerTo("frequency"));
        Assert.Null(response.AnswerTo("why-not"));
        Assert.Equal(new[] { "walk", "dog" }, ((MultiChoiceAnswer)response.AnswerTo("activities")!).OptionIds);
        Assert.Equal(new ChoiceAnswer("river"), response.AnswerTo("dog-run-location"));
        Assert.Equal(new[] { "lighting", "bike-paths", "splash-pad" }, ((RankingAnswer)response.AnswerTo("priorities")!).OptionIds);
        Assert.Equal(new RatingAnswer(3), response.AnswerTo("night-safety"));
        Assert.Equal(new YesNoAnswer(false), response.AnswerTo("splash-pad"));
        Assert.Equal(new NumberAnswer(15m), response.AnswerTo("walking-minutes"));
        Assert.Equal(new NumberAnswer(25.50m), response.AnswerTo("annual-contribution"));
        Assert.Equal(new DateAnswer(new DateOnly(2028, 6, 17)), response.AnswerTo("festival-date"));
        Assert.Null(response.AnswerTo("lighting-where"));
    }

    [Fact]
    public async Task French_transcript_with_decimal_comma_french_dates_and_french_errors()
    {
        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");

        (await chat.SayAsync("commencer")).Contains("Acceptez-vous?");
        (await chat.SayAsync("oui")).Contains("À quelle fréquence allez-vous au parc des Berges?");
        (await chat.SayAsync("Chaque semaine")).Contains("Qu'aimeriez-vous faire au parc?");
        (await chat.SayAsync("marcher ou courir et faire du velo")).Contains("Classez vos trois priorités");
        (await chat.SayAsync("4 5 6")).Contains("Le soir, à quel point vous sentez-vous en sécurité");
        (await chat.SayAsync("Tout à fait en sécurité")).Contains("Êtes-vous favorable à l'ajout de jeux d'eau");
        (await chat.SayAsync("peut-être")).Contains("répondez **oui** ou **non**");
        (await chat.SayAsync("Oui")).Contains("Combien de minutes de marche");
        (await chat.SayAsync("12,5")).Contains("donnez un nombre entier (sans décimales)");
        (await chat.SayAsync("passer")).Contains("cette question est obligatoire et ne peut pas être passée");
        (await chat.SayAsync("10")).Contains("quel montant annuel par ménage");
        (await chat.SayAsync("12,75 $")).Contains("Quelle date de fin de semaine vous conviendrait en 2028?");
        (await chat.SayAsync("31 mars 2028")).Contains("la date doit être entre le 1er mai 2028 et le 31 octobre 2028");
        (await chat.SayAsync("17 juin 2028")).Contains("Avez-vous d'autres commentaires");
        var recap = await chat.SayAsync("passer");
        recap.Contains("Voici vos réponses");
        recap.Contains("Écrivez **envoyer**");
        (await chat.SayAsync("envoyer")).Contains("Merci! Vos réponses à «\u00a0Réaménagement du parc des Berges");
        (await chat.SayAsync("non")).Contains("pas de nouvelles");

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant!.Id, "berges-2026", default);
        Assert.Equal(new NumberAnswer(12.75m), response!.AnswerTo("annual-contribution"));
        Assert.Equal(new RatingAnswer(5), response.AnswerTo("night-safety"));
        Assert.Equal(new[] { "walk", "bike" }, ((MultiChoiceAnswer)response.AnswerTo("activities")!).OptionIds);
        Assert.Equal(new[] { "trees-shade", "accessibility", "washrooms" }, ((RankingAnswer)response.AnswerTo("priorities")!).OptionIds);
        Assert.Empty(participant.Subscriptions);
    }

    [Fact]
    public async Task French_transcript_with_show_if_interruptions_recap_change_and_export()
    {
        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");
        (await chat.SayAsync("commencer")).Contains("Acceptez-vous?");
        (await chat.SayAsync("oui")).Contains("À quelle fréquence allez-vous au parc des Berges?");

        // Interruptions in the middle of a question, then back to it.
        var help = await chat.SayAsync("aide");
        help.Contains("Répondez à la question ci-dessous");
        help.Contains("Reprenons où nous étions");
        help.Contains("À quelle fréquence allez-vous au parc des Berges?");
        var status = await chat.SayAsync("état");
        status.Contains("**Consultation sur les scénarios**");
        status.Contains("À quelle fréquence allez-vous au parc des Berges?");

        // Show-if: "Jamais" brings the optional why-not question; a French card submit answers the next one.
        (await chat.SayAsync("Jamais")).Contains("Qu'est-ce qui vous empêche d'y aller?");
        var activities = await chat.SayAsync("passer");
        activities.Contains("Question passée.");
        activities.Contains("Qu'aimeriez-vous faire au parc?");
        (await chat.SayAsync("Promener mon chien")).Contains("Où préférez-vous l'aire canine clôturée?");
        (await chat.SayAsync("Au sud")).Contains("ne fait pas partie des choix. Répondez par un numéro de 1 à 3");
        (await chat.SayAsync("Au nord")).Contains("Classez vos trois priorités"); // a word of one option only: « Au nord, près du stationnement »

        var paused = await chat.SayAsync("annuler");
        paused.Contains("la consultation est en pause");
        (await chat.SayAsync("commencer")).Contains("Classez vos trois priorités");

        (await chat.SayAsync("Éclairage des sentiers, Arbres et ombre, Jeux d'eau")).Contains("à quel point vous sentez-vous en sécurité");
        (await chat.SayAsync("2")).Contains("Quels endroits devraient être éclairés en premier?");
        (await chat.SayAsync("Le sentier près du pont")).Contains("Êtes-vous favorable à l'ajout de jeux d'eau");
        (await chat.SayAsync("oui")).Contains("Combien de minutes de marche");
        (await chat.SayAsync("5")).Contains("quel montant annuel par ménage");
        (await chat.SayAsync("passer")).Contains("Quelle date de fin de semaine vous conviendrait en 2028?");
        (await chat.SayAsync("2028-07-15")).Contains("Avez-vous d'autres commentaires");
        var recap = await chat.SayAsync("Plus de bancs à l'ombre");
        recap.Contains("Voici vos réponses");
        recap.Contains("**Jamais**");
        recap.Contains("Promener mon chien");
        recap.Contains("15 juillet 2028");
        recap.Contains("Qu'est-ce qui vous empêche d'y aller? — **(passée)**");

        // Change answer 1: the why-not question disappears from the recap.
        (await chat.SayAsync("modifier 1")).Contains("À quelle fréquence allez-vous au parc des Berges?");
        var recap2 = await chat.SayAsync("Chaque semaine");
        recap2.Contains("**Chaque semaine**");
        recap2.DoesNotContain("Qu'est-ce qui vous empêche d'y aller?");
        (await chat.SayAsync("envoyer")).Contains("Merci! Vos réponses");
        (await chat.SayAsync("non")).Contains("pas de nouvelles");

        var export = await chat.SayAsync("quelles données avez-vous sur moi");
        export.Contains("Voici ce que je garde sur vous");
        export.Contains("1 consentement(s); 0 abonnement(s); 1 réponse(s) à des consultations");
        Assert.Single(export.Activities.SelectMany(a => a.Attachments ?? []), a => a.ContentType == EngagementBot.Bot.Protocol.Schema.AttachmentContentTypes.Json);

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant!.Id, "berges-2026", default);
        Assert.NotNull(response!.SubmittedAt);
        Assert.Equal(new ChoiceAnswer("weekly"), response.AnswerTo("frequency"));
        Assert.Null(response.AnswerTo("why-not"));
        Assert.Equal(new[] { "dog" }, ((MultiChoiceAnswer)response.AnswerTo("activities")!).OptionIds);
        Assert.Equal(new ChoiceAnswer("north"), response.AnswerTo("dog-run-location"));
        Assert.Equal(new[] { "lighting", "trees-shade", "splash-pad" }, ((RankingAnswer)response.AnswerTo("priorities")!).OptionIds);
        Assert.Equal(new TextAnswer("Le sentier près du pont"), response.AnswerTo("lighting-where"));
        Assert.Null(response.AnswerTo("annual-contribution"));
        Assert.Equal(new DateAnswer(new DateOnly(2028, 7, 15)), response.AnswerTo("festival-date"));
    }

    [Fact]
    public async Task French_declined_consent_stores_nothing_and_a_closed_consultation_says_its_dates()
    {
        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");
        (await chat.SayAsync("je veux donner mon avis sur le parc")).Contains("Acceptez-vous?");
        (await chat.SayAsync("peut-être")).Contains("Répondez **oui** pour accepter");
        (await chat.SayAsync("non")).Contains("rien n'a été enregistré");

        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            // Not even the person: nothing is stored about someone who has not consented to anything.
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default));
            Assert.Empty(await new PersonalDataDatabase(Bot.DataFolder).RowsAsync("SELECT id FROM responses"));

            var store = scope.ServiceProvider.GetRequiredService<IConsultationStore>();
            var consultation = await store.GetAsync("berges-2026", default);
            await store.SaveAsync(consultation! with { OpensAt = DateTimeOffset.UtcNow.AddDays(-60), ClosesAt = new DateTimeOffset(2026, 1, 16, 5, 0, 0, TimeSpan.Zero) }, default);
        }

        var closed = await chat.SayAsync("commencer");
        closed.Contains("a fermé le 15 janvier 2026; les réponses ne sont plus acceptées.");
        closed.Contains("Voulez-vous que je vous prévienne");
    }

    private async Task<string> PhaseStartAsync(string phaseId)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var project = await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", default);
        return project!.Timeline.Single(p => p.Id == phaseId).Start.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"));
    }

    [Fact]
    public async Task Interruptions_mid_question_answer_then_return_to_the_pending_question()
    {
        var chat = new ConsultationChat(Client, Channel);
        await chat.SayAsync("start");
        await chat.SayAsync("yes");

        var help = await chat.SayAsync("help");
        help.Contains("Answer the question below");
        help.Contains("Back to where we were:");
        help.Contains("How often do you go to Riverside Park?");

        var status = await chat.SayAsync("status");
        status.Contains("current phase: **Consultation on design options**");
        status.Contains("How often do you go to Riverside Park?");

        var french = await chat.SayAsync("en français");
        french.Contains("D'accord, continuons en français.");
        french.Contains("À quelle fréquence allez-vous au parc des Berges?");

        // The participant's choice now beats the activity's English locale.
        (await chat.SayAsync("Jamais")).Contains("Qu'est-ce qui vous empêche d'y aller?");
        var english = await chat.SayAsync("English please");
        english.Contains("Sure, let's continue in English.");
        english.Contains("What keeps you from going?");

        var paused = await chat.SayAsync("cancel");
        paused.Contains("I've paused the consultation");

        // Resume at the first unanswered question.
        (await chat.SayAsync("continue")).Contains("What keeps you from going?");

        // Subscribed to nothing: "stop" says so, and the consultation waits where it was.
        var stop = await chat.SayAsync("stop");
        stop.Contains("You are not subscribed to anything, so I will not send you any messages.");
        stop.Contains("What keeps you from going?");
    }

    [Fact]
    public async Task Declining_consent_stores_no_consent_and_no_response()
    {
        var chat = new ConsultationChat(Client, Channel);
        await chat.SayAsync("I want to give my opinion on the park");
        (await chat.SayAsync("maybe")).Contains("Please answer **yes** to agree");
        (await chat.SayAsync("no")).Contains("nothing has been recorded");

        await using var scope = Bot.Services.CreateAsyncScope();
        // Not even the person: nothing is stored about someone who has not consented to anything.
        Assert.Null(await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default));
        Assert.Empty(await new PersonalDataDatabase(Bot.DataFolder).RowsAsync("SELECT id FROM responses"));
    }

    [Fact]
    public async Task A_closed_consultation_says_its_dates_and_offers_to_notify()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IConsultationStore>();
            var consultation = await store.GetAsync("berges-2026", default);
            var now = DateTimeOffset.UtcNow;
            await store.SaveAsync(consultation! with { OpensAt = now.AddDays(-60), ClosesAt = new DateTimeOffset(2026, 1, 16, 5, 0, 0, TimeSpan.Zero) }, default);
        }

        var chat = new ConsultationChat(Client, Channel);
        var closed = await chat.SayAsync("start");
        closed.Contains("«Riverside Park redevelopment: your views» closed on January 15, 2026");
        closed.Contains("Would you like me to let you know");
        (await chat.SayAsync("yes")).Contains("I'll let you know");
    }

    [Theory]
    [InlineData("en-US", "start", "Several consultations are open. Which one would you like to answer?", "Riverside Park: lighting survey", "Do you agree?")]
    [InlineData("fr-CA", "commencer", "Plusieurs consultations sont ouvertes. À laquelle voulez-vous répondre?", "Parc des Berges : sondage sur l'éclairage", "Acceptez-vous?")]
    public async Task Several_open_consultations_are_listed_and_the_one_picked_starts(string locale, string start, string question, string secondTitle, string consent)
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IConsultationStore>();
            var demo = await store.GetAsync("berges-2026", default);
            await store.SaveAsync(demo! with { Id = "berges-eclairage", ETag = null, Title = new LocalizedText("Parc des Berges : sondage sur l'éclairage", "Riverside Park: lighting survey") }, default);
        }

        var chat = new ConsultationChat(Client, Channel, locale: locale);
        var list = await chat.SayAsync(start);
        list.Contains(question);
        list.Contains(secondTitle);
        list.DoesNotContain(consent);

        var begin = await chat.SayAsync(secondTitle);
        begin.Contains(consent);
        await chat.SayAsync(locale.StartsWith("fr", StringComparison.Ordinal) ? "oui" : "yes");

        await using var check = Bot.Services.CreateAsyncScope();
        var participant = await check.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        Assert.Single(participant!.Consents, c => c.ConsultationId == "berges-eclairage");
        Assert.NotNull(await check.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant.Id, "berges-eclairage", default));
        Assert.Null(await check.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant.Id, "berges-2026", default));
    }

    [Fact]
    public async Task Two_rapid_messages_in_one_conversation_areBoth_stored()
    {
        var chat = new ConsultationChat(Client, Channel);
        await chat.SayAsync("start");
        await chat.SayAsync("yes");

        // "1" and "2" are valid answers to both the first question (choice) and the second (multi-choice).
        var first = Activities.Message(Channel.ServiceUrl, "1", "en-US", "directline", chat.ConversationId);
        var second = Activities.Message(Channel.ServiceUrl, "2", "en-US", "directline", chat.ConversationId);
        await Task.WhenAll(chat.SendAsync(first), chat.SendAsync(second));

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant!.Id, "berges-2026", default);
        Assert.NotNull(response!.AnswerTo("frequency"));
        Assert.NotNull(response.AnswerTo("activities"));
    }

    [Fact]
    public async Task A_submitted_response_stays_editable_while_the_consultation_is_open()
    {
        var chat = new ConsultationChat(Client, Channel);
        foreach (var line in new[] { "start", "yes", "1", "1, 2", "1, 2, 3", "3", "skip", "yes", "5", "skip", "skip", "skip", "submit", "no" })
        {
            await chat.SayAsync(line);
        }

        var recap = await chat.SayAsync("start");
        recap.Contains("Your answers were sent; you can still change them");
        recap.Contains("1. How often do you go to Riverside Park? — **Almost every day**");
        (await chat.SayAsync("change 1")).Contains("How often do you go to Riverside Park?");
        (await chat.SayAsync("Rarely")).Contains("**Rarely**");
        (await chat.SayAsync("submit")).Contains("Thank you!");

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant!.Id, "berges-2026", default);
        Assert.Equal(new ChoiceAnswer("rarely"), response!.AnswerTo("frequency"));
        Assert.NotNull(response.SubmittedAt);
    }

    [Fact]
    public async Task A_consultation_not_yet_open_says_when_it_opens_and_closes()
    {
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IConsultationStore>();
            var consultation = await store.GetAsync("berges-2026", default);
            var opens = new DateTimeOffset(2099, 3, 1, 5, 0, 0, TimeSpan.Zero);
            await store.SaveAsync(consultation! with { OpensAt = opens, ClosesAt = new DateTimeOffset(2099, 4, 1, 4, 0, 0, TimeSpan.Zero) }, default);
        }

        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");
        var later = await chat.SayAsync("commencer");
        later.Contains("ouvre le 1er mars 2099 et ferme le 31 mars 2099");
        later.Contains("Voulez-vous que je vous prévienne");
    }
}
