using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// "stop" / "arrêt" / "unsubscribe" / "désabonner" anywhere, "start" / "abonner" to come back, and the SMS keywords,
/// through POST /api/messages with the real bot; subscriptions checked in storage.
/// </summary>
public sealed class UnsubscribeTranscriptTests : BotWithChannelTests
{
    protected override Dictionary<string, string?> Settings => new() { ["Turns:MessagesPerConversation"] = "1000" };

    [Fact]
    public async Task Stop_from_someone_subscribed_to_nothing_says_so_and_stores_nothing()
    {
        var english = new ConsultationChat(Client, Channel);
        (await english.SayAsync("stop")).Contains("You are not subscribed to anything, so I will not send you any messages.");
        var french = new ConsultationChat(Client, Channel, "fr-CA");
        (await french.SayAsync("arrêt")).Contains("Vous n'êtes abonné à rien");

        await using var scope = Bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IParticipantStore>();
        Assert.Null(await store.FindByChannelAccountAsync("directline", english.UserId, default));
        Assert.Null(await store.FindByChannelAccountAsync("directline", french.UserId, default));
    }

    [Fact]
    public async Task English_stop_mid_question_unsubscribes_confirms_and_returns_to_the_question_then_start_restores()
    {
        var chat = new ConsultationChat(Client, Channel);
        (await chat.SayAsync("subscribe")).Contains("Done: you are subscribed to «Riverside Park redevelopment».");
        await chat.SayAsync("start");
        await chat.SayAsync("yes");

        var stop = await chat.SayAsync("STOP");
        stop.Contains("you are unsubscribed from everything and you will receive no more messages from me");
        stop.Contains("Back to where we were:");
        stop.Contains("How often do you go to Riverside Park?");
        Assert.Empty((await ParticipantAsync("directline", chat.UserId)).Subscriptions);

        // Still answering the question, then "start" at idle gives back the subscription and resumes the consultation.
        (await chat.SayAsync("Every week")).Contains("What would you like to do in the park?");
        await chat.SayAsync("cancel");
        var start = await chat.SayAsync("start");
        start.Contains("Welcome back: you are subscribed again to «Riverside Park redevelopment».");
        start.Contains("What would you like to do in the park?");
        Assert.Single((await ParticipantAsync("directline", chat.UserId)).Subscriptions, s => s.ProjectSlug == "parc-des-berges" && s.Topics == SubscriptionTopics.All);

        // Once back, "start" only starts (no second welcome).
        await chat.SayAsync("cancel");
        (await chat.SayAsync("start")).DoesNotContain("Welcome back");
    }

    [Fact]
    public async Task Several_projects_stop_asks_all_or_which_one_then_unsubscribes_only_that_one()
    {
        await AddSecondProjectAsync();
        var chat = new ConsultationChat(Client, Channel);
        var which = await chat.SayAsync("subscribe");
        which.Contains("Which project would you like to hear about?");
        which.Contains("All projects");
        (await chat.SayAsync("All projects")).Contains("Done: you are subscribed to «Riverside Park redevelopment», «North footbridge».");

        var ask = await chat.SayAsync("unsubscribe");
        ask.Contains("You are subscribed to several projects. Unsubscribe from all of them, or from which one?");
        var one = await chat.SayAsync("North footbridge");
        one.Contains("Done: you are unsubscribed from «North footbridge». You are still subscribed to: «Riverside Park redevelopment».");
        Assert.Equal(["parc-des-berges"], (await ParticipantAsync("directline", chat.UserId)).Subscriptions.Select(s => s.ProjectSlug));

        // French: "désabonner" with one project left unsubscribes at once; "abonner" gives back both.
        (await chat.SayAsync("en français")).Contains("continuons en français");
        (await chat.SayAsync("désabonner")).Contains("vous êtes désabonné de tout");
        Assert.Empty((await ParticipantAsync("directline", chat.UserId)).Subscriptions);
        var back = await chat.SayAsync("abonner");
        back.Contains("Bon retour : vous êtes de nouveau abonné à");
        back.Contains("Passerelle nord");
        Assert.Equal(["passerelle-nord", "parc-des-berges"], (await ParticipantAsync("directline", chat.UserId)).Subscriptions.Select(s => s.ProjectSlug).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task French_arret_in_a_choice_then_tous_les_projets_and_a_non_answer_keeps_subscriptions()
    {
        await AddSecondProjectAsync();
        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");
        await chat.SayAsync("abonner");
        await chat.SayAsync("1");
        Assert.Equal(2, (await ParticipantAsync("directline", chat.UserId)).Subscriptions.Count);

        (await chat.SayAsync("arrêt")).Contains("Vous désabonner de tous, ou duquel?");
        var kept = await chat.SayAsync("annuler");
        kept.Contains("Je n'ai pas changé vos abonnements.");
        Assert.Equal(2, (await ParticipantAsync("directline", chat.UserId)).Subscriptions.Count);

        (await chat.SayAsync("arrêter")).Contains("duquel?");
        (await chat.SayAsync("tous les projets")).Contains("vous êtes désabonné de tout et vous ne recevrez plus de messages de ma part");
        Assert.Empty((await ParticipantAsync("directline", chat.UserId)).Subscriptions);
    }

    [Theory]
    [InlineData("STOP", "START", "en-US", "You are unsubscribed and will receive no more messages. Reply START", "you are subscribed again")]
    [InlineData("Arret", "abonner", "fr-CA", "Vous êtes désabonné et ne recevrez plus de messages. Répondez ABONNER", "de nouveau abonné")]
    [InlineData("unsubscribe", "Start", "en-US", "You are unsubscribed and will receive no more messages.", "you are subscribed again")]
    [InlineData("ARRÊT", "START", "fr-CA", "Vous êtes désabonné", "de nouveau abonné")]
    public async Task Sms_keywords_unsubscribe_at_once_without_a_question_and_start_resubscribes(string stop, string start, string locale, string stopped, string restored)
    {
        await AddSecondProjectAsync();
        var chat = new ConsultationChat(Client, Channel, locale: locale, channelId: "sms");
        await chat.SayAsync(locale == "fr-CA" ? "abonner" : "subscribe");
        await chat.SayAsync("1");
        Assert.Equal(2, (await ParticipantAsync("sms", chat.UserId)).Subscriptions.Count);

        var reply = await chat.SayAsync(stop);
        reply.Contains(stopped);
        Assert.Single(reply.Activities);
        Assert.Null(reply.Activities[0].Attachments);
        Assert.Empty((await ParticipantAsync("sms", chat.UserId)).Subscriptions);

        (await chat.SayAsync(start)).Contains(restored);
        Assert.Equal(2, (await ParticipantAsync("sms", chat.UserId)).Subscriptions.Count);
    }

    [Fact]
    public async Task Stop_in_the_middle_of_a_sentence_on_sms_is_not_a_keyword()
    {
        var chat = new ConsultationChat(Client, Channel, channelId: "sms");
        await chat.SayAsync("subscribe");
        var reply = await chat.SayAsync("please stop the construction noise");
        reply.DoesNotContain("unsubscribed");
        Assert.Single((await ParticipantAsync("sms", chat.UserId)).Subscriptions);
    }

    private async Task<Participant> ParticipantAsync(string channelId, string userId)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync(channelId, userId, default);
        Assert.NotNull(participant);
        return participant;
    }

    private async Task AddSecondProjectAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IProjectStore>();
        var park = await store.GetAsync("parc-des-berges", default);
        await store.SaveAsync(park! with { Slug = "passerelle-nord", Title = new LocalizedText("Passerelle nord", "North footbridge"), ETag = null }, default);
    }
}
