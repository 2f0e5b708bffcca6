using EngagementBot.Bot.Tests.ProjectInfo;

namespace EngagementBot.Bot.Tests.AskStaff;

/// <summary>
/// Overdue questions are flagged to staff: in the "questions" list, and by one proactive notice per question sent to
/// the staff conversations the bot knows (staff talked to it), from the background check.
/// </summary>
public sealed class OverdueQuestionTests : DemoProjectBotTests
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Turns:MessagesPerConversation"] = "1000",
        ["Staff:Members:0:AadObjectId"] = AskStaffLoopTests.StaffAadObjectId,
        ["AskStaff:ResponseTimeTarget"] = "00:00:01",
        ["AskStaff:OverdueCheckInterval"] = "00:00:00.2",
    };

    [Fact]
    public async Task An_overdue_question_is_announced_once_to_the_known_staff_conversation_and_flagged_in_the_list()
    {
        var staff = new TeamsStaffChat(Client, Channel, AskStaffLoopTests.StaffAadObjectId);
        (await staff.SayAsync("questions")).Contains("No open questions right now.");
        var citizen = Citizen();
        await citizen.SayAsync("I want to talk to a person");
        await citizen.SayAsync("Is the old boathouse going to be demolished?");

        var notice = await Channel.WaitForActivityAsync(
            a => a.Conversation?.Id == staff.ConversationId && a.ReplyToId is null && a.Text?.Contains("has been waiting", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(15));

        Assert.Contains("(target 0 min): «Is the old boathouse going to be demolished?». Type **questions** to answer it.", notice.Text, StringComparison.Ordinal);
        var list = await staff.SayAsync("questions");
        AssertContains("⚠ **overdue**", AllText(list));

        // Several more checks run meanwhile; the question was announced once.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == staff.ConversationId && a.Text?.Contains("has been waiting", StringComparison.Ordinal) == true);
    }
}
