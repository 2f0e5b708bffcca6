using System.Text;
using System.Text.Json.Nodes;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>The project's phases with their dates and a done / current / upcoming mark: an Adaptive Card 1.5 with a text fallback.</summary>
public static class TimelineAnswer
{
    /// <summary>The timeline of <paramref name="project"/> as a card reply (text where cards do not render).</summary>
    public static CardReply Compose(Project project, string language)
    {
        ArgumentNullException.ThrowIfNull(project);
        var title = ProjectInfoTexts.Format(ProjectInfoTexts.TimelineTitle, language, project.Title.For(language));
        var text = new StringBuilder("**").Append(title).Append("**\n");
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true },
        };
        foreach (var phase in project.Timeline)
        {
            var (mark, statusKey) = phase.Status switch
            {
                PhaseStatus.Done => ("✔", ProjectInfoTexts.PhaseDone),
                PhaseStatus.Current => ("▶", ProjectInfoTexts.PhaseCurrent),
                _ => ("○", ProjectInfoTexts.PhaseUpcoming),
            };
            var status = ProjectInfoTexts.Get(statusKey, language);
            var dates = StatusAnswer.PhaseDates(phase, language);
            text.Append('\n').Append(ProjectInfoTexts.Format(ProjectInfoTexts.TimelineLine, language, mark, phase.Title.For(language), dates, status));
            body.Add(new JsonObject
            {
                ["type"] = "ColumnSet",
                ["spacing"] = "Medium",
                ["style"] = phase.Status == PhaseStatus.Current ? "emphasis" : "default",
                ["columns"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "Column",
                        ["width"] = "auto",
                        ["items"] = new JsonArray { new JsonObject { ["type"] = "TextBlock", ["text"] = mark, ["weight"] = "Bolder", ["color"] = phase.Status == PhaseStatus.Current ? "Accent" : "Default" } },
                    },
                    new JsonObject
                    {
                        ["type"] = "Column",
                        ["width"] = "stretch",
                        ["items"] = new JsonArray
                        {
                            new JsonObject { ["type"] = "TextBlock", ["text"] = phase.Title.For(language), ["weight"] = "Bolder", ["wrap"] = true },
                            new JsonObject { ["type"] = "TextBlock", ["text"] = $"{dates} · {status}", ["isSubtle"] = true, ["spacing"] = "None", ["wrap"] = true },
                        },
                    },
                },
            });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        return new CardReply(card.ToJsonString(), text.ToString());
    }
}
