using EngagementBot.Dialogs.ProjectInfo;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>Offers to pass a question the bot cannot answer to the project team (yes/no), for <see cref="AskStaffFeature"/> to follow up.</summary>
public static class AskStaffOffer
{
    /// <summary>Feature data: the question as typed.</summary>
    public const string QuestionKey = "question";

    /// <summary>Feature data: the project it is about, if known.</summary>
    public const string ProjectKey = "project";

    /// <summary>Says the bot has no answer, asks whether to pass <paramref name="question"/> on, and waits for yes or no.</summary>
    public static void Offer(DialogTurn turn, string question, string? projectSlug)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var data = new Dictionary<string, string> { [QuestionKey] = question };
        if (projectSlug is not null)
        {
            data[ProjectKey] = projectSlug;
        }

        turn.State.EnterFeature(AskStaffFeature.FeatureName, AskStaffFeature.ConfirmStep, data);
        turn.Prompt(FeaturePrompts.YesNo(AskStaffTexts.Get(AskStaffTexts.OfferAskStaff, turn.Language), turn.Language));
    }
}
