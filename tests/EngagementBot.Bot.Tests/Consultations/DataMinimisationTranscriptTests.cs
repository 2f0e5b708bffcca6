using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// Data minimisation through POST /api/messages with the real bot, checked in the SQLite file: someone who only asks
/// questions leaves no personal data behind; the participant and the conversation reference are stored by the first
/// step that keeps something about them (consent, a subscription, a question to staff, a language choice).
/// </summary>
public sealed class DataMinimisationTranscriptTests : BotWithChannelTests
{
    protected override Dictionary<string, string?> Settings => new() { ["Turns:MessagesPerConversation"] = "1000" };

    [Fact]
    public async Task Help_status_key_dates_and_a_declined_consent_store_nothing_about_the_person()
    {
        var chat = new ConsultationChat(Client, Channel);
        (await chat.SayAsync("help")).Contains("start");
        (await chat.SayAsync("where is the project at?")).Contains("Riverside Park");
        await chat.SayAsync("key dates");
        (await chat.SayAsync("start")).Contains("Do you agree?");
        (await chat.SayAsync("no")).Contains("nothing");

        await AssertNothingStoredAsync(chat);
    }

    [Fact]
    public async Task What_data_do_you_have_on_me_from_someone_unknown_says_nothing_is_kept_and_keeps_nothing()
    {
        var chat = new ConsultationChat(Client, Channel, locale: "fr-CA");
        await chat.SayAsync("bonjour");
        var export = await chat.SayAsync("quelles données avez-vous sur moi?");
        export.Contains("Je ne garde rien sur vous");
        Assert.DoesNotContain(export.Activities, a => a.Attachments is { Count: > 0 });

        await AssertNothingStoredAsync(chat);
    }

    [Fact]
    public async Task Consent_stores_the_participant_with_the_conversation_reference_in_the_same_turn()
    {
        var chat = new ConsultationChat(Client, Channel);
        await chat.SayAsync("start");
        await AssertNothingStoredAsync(chat);

        (await chat.SayAsync("yes")).Contains("How often do you go to Riverside Park?");

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        Assert.NotNull(participant);
        Assert.Equal("berges-2026", Assert.Single(participant.Consents).ConsultationId);
        var references = await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().ListByParticipantAsync(participant.Id, default);
        var reference = Assert.Single(references);
        Assert.Equal(chat.ConversationId, reference.ConversationId);
        Assert.Equal(Channel.ServiceUrl.TrimEnd('/'), reference.ServiceUrl.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task A_language_choice_is_kept_so_the_newcomer_is_stored_with_it()
    {
        var chat = new ConsultationChat(Client, Channel);
        await chat.SayAsync("hello");
        await AssertNothingStoredAsync(chat);

        await chat.SayAsync("en français");

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        Assert.Equal("fr", participant?.PreferredLanguage);

        // The next message, sent with an English locale, is answered in the language asked for.
        (await chat.SayAsync("aide")).Contains("commencer");
    }

    private async Task AssertNothingStoredAsync(ConsultationChat chat)
    {
        var database = new PersonalDataDatabase(Bot.DataFolder);
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM participants WHERE user_id = $user", ("$user", chat.UserId)));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM conversation_references WHERE user_id = $user", ("$user", chat.UserId)));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM responses"));
    }
}
