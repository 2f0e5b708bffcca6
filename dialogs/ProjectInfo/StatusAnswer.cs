using System.Text;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>"Where is the project at?": the current phase, what it means, what comes next and when.</summary>
public static class StatusAnswer
{
    /// <summary>The status of <paramref name="project"/> in <paramref name="language"/> (markdown).</summary>
    public static string Compose(Project project, string language)
    {
        ArgumentNullException.ThrowIfNull(project);
        var title = project.Title.For(language);
        var timeline = project.Timeline.ToList();
        var index = timeline.FindIndex(p => p.Id == project.CurrentPhaseId);
        if (index < 0)
        {
            index = timeline.FindIndex(p => p.Status == PhaseStatus.Current);
        }

        if (index < 0)
        {
            return ProjectInfoTexts.Format(ProjectInfoTexts.StatusUnknown, language, title);
        }

        var phase = timeline[index];
        var text = new StringBuilder(ProjectInfoTexts.Format(ProjectInfoTexts.StatusCurrent, language, title, phase.Title.For(language), PhaseDates(phase, language)));
        if (phase.Description is { } description)
        {
            text.Append("\n\n").Append(ProjectInfoTexts.Format(ProjectInfoTexts.StatusMeaning, language, description.For(language)));
        }

        var next = timeline.Skip(index + 1).FirstOrDefault(p => p.Status != PhaseStatus.Done);
        text.Append("\n\n").Append(next is null
            ? ProjectInfoTexts.Get(ProjectInfoTexts.StatusLast, language)
            : ProjectInfoTexts.Format(ProjectInfoTexts.StatusNext, language, next.Title.For(language), LocalTimes.Date(next.Start, language)));
        text.Append("\n\n").Append(ProjectInfoTexts.Get(ProjectInfoTexts.StatusMore, language));
        return text.ToString();
    }

    /// <summary>"from X to Y" or "from X" for a phase.</summary>
    public static string PhaseDates(TimelinePhase phase, string language)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return phase.End is { } end
            ? ProjectInfoTexts.Format(ProjectInfoTexts.PhaseRange, language, LocalTimes.Date(phase.Start, language), LocalTimes.Date(end, language))
            : ProjectInfoTexts.Format(ProjectInfoTexts.PhaseFrom, language, LocalTimes.Date(phase.Start, language));
    }
}
