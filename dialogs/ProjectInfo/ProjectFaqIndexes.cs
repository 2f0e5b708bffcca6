using System.Collections.Concurrent;
using EngagementBot.Dialogs.Understanding.Faq;
using EngagementBot.Storage.Domain;
using IndexedEntry = EngagementBot.Dialogs.Understanding.Faq.FaqEntry;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>One <see cref="FaqIndex"/> per project, rebuilt when the project changes (its ETag).</summary>
public sealed class ProjectFaqIndexes(FaqIndexFactory factory)
{
    private readonly ConcurrentDictionary<string, (string? ETag, FaqIndex Index)> _indexes = new(StringComparer.Ordinal);

    /// <summary>The index of <paramref name="project"/>'s FAQ.</summary>
    public FaqIndex For(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (_indexes.TryGetValue(project.Slug, out var cached) && cached.ETag == project.ETag && project.ETag is not null)
        {
            return cached.Index;
        }

        var index = factory.Create(project.Faq.Select(e => new IndexedEntry(e.Id, e.Question.Fr, e.Question.En, e.Answer.Fr, e.Answer.En)));
        _indexes[project.Slug] = (project.ETag, index);
        return index;
    }

    /// <summary>
    /// The best confident answer to <paramref name="question"/>: from <paramref name="preferred"/> first when it has
    /// one, else the most confident among <paramref name="projects"/>; <see langword="null"/> below the threshold.
    /// </summary>
    public (Project Project, FaqMatch Match)? FindAnswer(string question, Project? preferred, IEnumerable<Project> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        if (preferred is not null && For(preferred).FindBestMatch(question) is { } own)
        {
            return (preferred, own);
        }

        (Project Project, FaqMatch Match)? best = null;
        foreach (var project in projects)
        {
            if (project.Slug != preferred?.Slug && For(project).FindBestMatch(question) is { } match && (best is null || match.Confidence > best.Value.Match.Confidence))
            {
                best = (project, match);
            }
        }

        return best;
    }
}
