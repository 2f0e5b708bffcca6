using EngagementBot.Bot.Tests.ProjectInfo;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.AskStaff;

/// <summary>
/// Every staff command of the ask-staff loop (typed FR/EN and the card's submit) is refused, politely, to a citizen
/// in Web Chat and to a Teams user who is not configured as staff, and changes nothing; the development switch
/// (Staff:DevelopmentUserIds, local mode) lets a chosen Web Chat user act as staff.
/// </summary>
public sealed class StaffCommandRefusalTests : DemoProjectBotTests
{
    private const string StaffOnlyEn = "That command is for the project team only.";
    private const string StaffOnlyFr = "Cette commande est réservée à l'équipe du projet.";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Turns:MessagesPerConversation"] = "1000",
        ["Staff:Members:0:AadObjectId"] = AskStaffLoopTests.StaffAadObjectId,
        ["Staff:DevelopmentUserIds:0"] = "dev-staff",
    };

    public static TheoryData<string> TypedCommands =>
    [
        "questions", "Questions", "open questions", "questions ouvertes", "questions en attente", "pending questions",
        "answer 1 The park opens at 6.", "answer", "reply 1 yes", "répondre 1 Oui.", "repondre 1 oui +faq", "réponse 1 oui",
    ];

    [Theory]
    [MemberData(nameof(TypedCommands))]
    public async Task A_citizen_in_web_chat_is_refused_every_staff_command(string command)
    {
        var question = await SeedQuestionAsync();
        var citizen = Citizen("en-US", "webchat");

        var reply = await citizen.SayAsync(command);

        reply.Contains(StaffOnlyEn);
        await AssertUntouchedAsync(question);
    }

    [Theory]
    [MemberData(nameof(TypedCommands))]
    public async Task A_teams_user_who_is_not_staff_is_refused_every_staff_command(string command)
    {
        var question = await SeedQuestionAsync();
        var stranger = new TeamsStaffChat(Client, Channel, "0f0e0d0c-0b0a-4909-8807-060504030201", "fr-CA");

        var reply = await stranger.SayAsync(command);

        reply.Contains(StaffOnlyFr);
        await AssertUntouchedAsync(question);
    }

    [Fact]
    public async Task The_answer_button_of_the_card_is_refused_to_a_non_staff_sender()
    {
        var question = await SeedQuestionAsync();
        var stranger = new TeamsStaffChat(Client, Channel, "0f0e0d0c-0b0a-4909-8807-060504030201");

        var reply = await stranger.SubmitAsync(new Dictionary<string, string>
        {
            ["verb"] = "answer-question",
            ["questionId"] = question.Id,
            [$"answer-{question.Id}"] = "Forged answer",
        });

        reply.Contains(StaffOnlyEn);
        await AssertUntouchedAsync(question);
        Assert.DoesNotContain(Channel.SentActivities, a => a.Text == "Forged answer");
    }

    [Fact]
    public async Task The_development_switch_makes_a_chosen_web_chat_user_staff_in_local_mode()
    {
        var question = await SeedQuestionAsync();
        var developer = new Consultations.ConsultationChat(Client, Channel, "en-US", "webchat") { UserId = "dev-staff" };

        var list = await developer.SayAsync("questions");

        AssertContains("Open questions (1)", AllText(list));
        AssertContains(question.Text, AllText(list));
    }

    private async Task<CitizenQuestion> SeedQuestionAsync() =>
        await WithStoresAsync(s => s.GetRequiredService<ICitizenQuestionStore>().SaveAsync(
            new CitizenQuestion
            {
                Id = Ids.New(DemoNow),
                ParticipantId = "participant-seeded",
                ProjectSlug = "parc-des-berges",
                Text = "Will the splash pad be free?",
                Language = "en",
                AskedAt = DemoNow,
                UpdatedAt = DemoNow,
            },
            CancellationToken.None));

    private async Task AssertUntouchedAsync(CitizenQuestion seeded)
    {
        var stored = await WithStoresAsync(s => s.GetRequiredService<ICitizenQuestionStore>().GetAsync(seeded.Id, CancellationToken.None));
        Assert.Equal(CitizenQuestionStatus.New, stored!.Status);
        Assert.Null(stored.AnswerText);
        Assert.Equal(seeded.ETag, stored.ETag);
    }
}
