using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>A typed multi-choice answer naming the demo's label that contains a comma ("Pique-niquer, se détendre").</summary>
public sealed class CommaLabelTranscriptTests : BotWithChannelTests
{
    [Theory]
    [InlineData("fr-CA", "commencer", "oui", "Chaque semaine", "Pique-niquer, se détendre et faire du vélo")]
    [InlineData("en-US", "start", "yes", "Every week", "Cycling, Picnics, relaxing")]
    public async Task A_label_with_a_comma_is_one_option_in_a_typed_list(string locale, string start, string yes, string frequency, string activities)
    {
        var chat = new ConsultationChat(Client, Channel, locale);
        await chat.SayAsync(start);
        await chat.SayAsync(yes);
        await chat.SayAsync(frequency);
        (await chat.SayAsync(activities)).Contains(locale == "fr-CA" ? "Classez vos trois priorités" : "Rank your top three priorities");

        await using var scope = Bot.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", chat.UserId, default);
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().FindAsync(participant!.Id, "berges-2026", default);
        Assert.Equal(locale == "fr-CA" ? ["picnic", "bike"] : ["bike", "picnic"], ((MultiChoiceAnswer)response!.AnswerTo("activities")!).OptionIds);
    }
}
