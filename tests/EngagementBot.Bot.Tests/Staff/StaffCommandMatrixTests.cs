using EngagementBot.Bot.Tests.AskStaff;
using EngagementBot.Bot.Tests.ProjectInfo;
using EngagementBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Staff;

/// <summary>
/// The refusal matrix across every staff command of every feature (ask-staff, publishing and withdrawing, insights), typed in
/// French and English: a citizen in Web Chat and a Teams user who is not configured as staff each get the polite
/// refusal in their language, nothing is published, and nothing else is sent to them.
/// </summary>
public sealed class StaffCommandMatrixTests : DemoProjectBotTests
{
    private const string StaffOnlyEn = "That command is for the project team only.";
    private const string StaffOnlyFr = "Cette commande est réservée à l'équipe du projet.";
    private const string StrangerAadObjectId = "0f0e0d0c-0b0a-4909-8807-060504030201";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Turns:MessagesPerConversation"] = "1000",
        ["Staff:Members:0:AadObjectId"] = AskStaffLoopTests.StaffAadObjectId,
    };

    /// <summary>Every staff command, with arguments as staff would type them.</summary>
    public static TheoryData<string> StaffCommands =>
    [
        "questions", "questions ouvertes", "answer 1 The park opens at 6.", "répondre 1 Le parc ouvre à 6 h.",
        "publish news parc-des-berges", "publier nouvelle parc-des-berges", "publish results parc-des-berges",
        "publier résultats parc-des-berges", "progress 01JD2X3Y4Z", "avancement 01JD2X3Y4Z",
        "withdraw 0123456789abcdef0123456789abcdef", "retirer 0123456789abcdef0123456789abcdef",
        "summary", "summary berges-2026", "résumé berges-2026 depuis 2026-11-01", "theme parking", "thème stationnement",
    ];

    [Fact]
    public async Task Help_shows_staff_their_commands_too_and_citizens_only_theirs()
    {
        var staffFr = new TeamsStaffChat(Client, Channel, AskStaffLoopTests.StaffAadObjectId, "fr-CA");
        var french = AllText(await staffFr.SayAsync("aide"));
        AssertContains("Voici ce que je peux faire", french);
        AssertContains("**Équipe du projet** — vos commandes", french);
        AssertContains("**publier nouvelle**", french);
        AssertContains("**résumé**", french);

        var staffEn = new TeamsStaffChat(Client, Channel, AskStaffLoopTests.StaffAadObjectId, "en-US");
        var english = AllText(await staffEn.SayAsync("help"));
        AssertContains("**Project team** — your commands", english);
        AssertContains("**answer 2 your answer**", english);

        var citizen = AllText(await Citizen("en-US", "webchat").SayAsync("help"));
        AssertContains("Here is what I can do", citizen);
        Assert.DoesNotContain("Project team", citizen, StringComparison.Ordinal);
        var stranger = AllText(await new TeamsStaffChat(Client, Channel, StrangerAadObjectId, "fr-CA").SayAsync("aide"));
        Assert.DoesNotContain("Équipe du projet", stranger, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StaffCommands))]
    public async Task A_citizen_in_web_chat_is_refused(string command)
    {
        var citizen = Citizen("en-US", "webchat");

        var reply = await citizen.SayAsync(command);

        AssertContains(StaffOnlyEn, AllText(reply));
        await AssertNothingPublishedAsync();
    }

    [Theory]
    [MemberData(nameof(StaffCommands))]
    public async Task A_teams_user_who_is_not_staff_is_refused(string command)
    {
        var stranger = new TeamsStaffChat(Client, Channel, StrangerAadObjectId, "fr-CA");

        var reply = await stranger.SayAsync(command);

        AssertContains(StaffOnlyFr, AllText(reply));
        await AssertNothingPublishedAsync();

        // No background report or preview follows the refusal.
        var sentAfter = Channel.SentActivities.Count;
        await Task.Delay(300);
        Assert.Equal(sentAfter, Channel.SentActivities.Count);
    }

    private async Task AssertNothingPublishedAsync()
    {
        var page = await WithStoresAsync(s => s.GetRequiredService<INotificationStore>().ListByProjectAsync("parc-des-berges", new PageRequest(), CancellationToken.None));
        Assert.Empty(page.Items);
    }
}
