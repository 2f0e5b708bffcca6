using System.Diagnostics;
using EngagementBot.Bot.Tests.AskStaff;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.ProjectInfo;

/// <summary>
/// The cards this feature sends — the timeline (FR/EN, Web Chat and Teams) and the staff list of open questions
/// (FR/EN, with an overdue and a fresh question) — taken from the bot's replies and validated by the official
/// <c>adaptivecards@3.0.6</c> object model (tests/EngagementBot.EndToEnd.Tests/tools/validate-adaptive-cards.js).
/// </summary>
public sealed class ProjectCardValidationTests : DemoProjectBotTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementbot-status-cards", Guid.NewGuid().ToString("N"));

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Turns:MessagesPerConversation"] = "1000",
        ["Staff:Members:0:AadObjectId"] = AskStaffLoopTests.StaffAadObjectId,
    };

    [Fact]
    public async Task The_timeline_and_question_list_cards_pass_the_adaptivecards_validator()
    {
        Directory.CreateDirectory(_folder);
        try
        {
            var count = 0;
            foreach (var (locale, channel, question) in new[] { ("en-US", "webchat", "What's the timeline?"), ("fr-CA", "msteams", "Quel est l'échéancier du projet?"), ("fr-CA", "directline", "Quel est l'échéancier du projet?") })
            {
                var reply = await Citizen(locale, channel).SayAsync(question);
                foreach (var card in reply.Cards)
                {
                    await File.WriteAllTextAsync(Path.Combine(_folder, $"timeline-{channel}-{locale}-{count++}.json"), card.GetRawText());
                }
            }

            await SeedAsync("Will the splash pad be free?", "en", DemoNow.AddDays(-3));
            await SeedAsync("Le chalet sera-t-il chauffé l'hiver?", "fr", DemoNow.AddHours(-1));
            foreach (var (locale, command) in new[] { ("en-US", "questions"), ("fr-CA", "questions ouvertes") })
            {
                var list = await new TeamsStaffChat(Client, Channel, AskStaffLoopTests.StaffAadObjectId, locale).SayAsync(command);
                var card = Assert.Single(list.Cards);
                AssertContains(locale == "en-US" ? "⚠ **overdue**" : "⚠ **en retard**", AllText(list));
                await File.WriteAllTextAsync(Path.Combine(_folder, $"questions-{locale}-{count++}.json"), card.GetRawText());
            }

            Assert.Equal(5, count);
            var (exitCode, output) = await AdaptiveCardsValidator.ValidateFolderAsync(_folder);
            Assert.True(exitCode == 0, output);
            Assert.Contains("5 card(s), 0 failed", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<CitizenQuestion> SeedAsync(string text, string language, DateTimeOffset askedAt) =>
        WithStoresAsync(s => s.GetRequiredService<ICitizenQuestionStore>().SaveAsync(
            new CitizenQuestion { Id = Ids.New(askedAt), ParticipantId = "participant-" + language, ProjectSlug = "parc-des-berges", Text = text, Language = language, AskedAt = askedAt, UpdatedAt = askedAt },
            CancellationToken.None));
}
