using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Insights;

/// <summary>The consultations and projects a report covers.</summary>
/// <param name="Title">The consultation or project title; <see langword="null"/> for everything.</param>
/// <param name="Consultations">Citizens' consultations.</param>
/// <param name="Imported">Imported-feedback consultations of the projects in scope.</param>
/// <param name="Projects">The projects.</param>
public sealed record InsightsScope(LocalizedText? Title, IReadOnlyList<Consultation> Consultations, IReadOnlyList<Consultation> Imported, IReadOnlyList<Project> Projects)
{
    /// <summary>The scope's readable name.</summary>
    public string Label(string language) => Title?.For(language) ?? Resources.InsightsTexts.Get(Resources.InsightsTexts.AllProjects, language);
}

/// <summary>Why a request cannot be served, as a text for staff (already in their language).</summary>
public sealed class InsightsRequestException(string message) : Exception(message);

/// <summary>Turns the scope word of a command (consultation id or project slug) into consultations and projects.</summary>
public sealed class InsightsScopeResolver(IProjectStore projects, IConsultationStore consultations)
{
    /// <summary>Resolves the scope and checks the question filter; throws <see cref="InsightsRequestException"/> for unknown names.</summary>
    public async Task<InsightsScope> ResolveAsync(InsightsFilter filter, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var allProjects = await Pages.AllAsync((page, ct) => projects.ListAsync(page, ct), cancellationToken);
        InsightsScope scope;
        if (filter.Scope is null)
        {
            scope = await ForProjectsAsync(null, allProjects, cancellationToken);
        }
        else if (await consultations.GetAsync(filter.Scope, cancellationToken) is { } consultation)
        {
            var imported = ImportedFeedback.IsImported(consultation);
            var slug = imported ? ImportedFeedback.ProjectOf(consultation) : consultation.ProjectSlug;
            var project = allProjects.Where(p => p.Slug == slug).ToList();
            scope = imported
                ? new InsightsScope(consultation.Title, [], [consultation], project)
                : new InsightsScope(consultation.Title, [consultation], [], project);
        }
        else if (allProjects.FirstOrDefault(p => string.Equals(p.Slug, filter.Scope, StringComparison.OrdinalIgnoreCase)) is { } project)
        {
            scope = await ForProjectsAsync(project.Title, [project], cancellationToken);
        }
        else
        {
            var known = new List<string>();
            foreach (var p in allProjects)
            {
                known.Add(p.Slug);
                known.AddRange((await Pages.AllAsync((page, ct) => consultations.ListByProjectAsync(p.Slug, page, ct), cancellationToken)).Select(c => c.Id));
            }

            throw new InsightsRequestException(Resources.InsightsTexts.Format(Resources.InsightsTexts.UnknownScope, language, filter.Scope, string.Join(", ", known)));
        }

        if (filter.QuestionId is { } questionId)
        {
            var textQuestions = scope.Consultations.Concat(scope.Imported)
                .SelectMany(c => c.Questions.OfType<TextQuestion>())
                .Select(q => q.Id)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (!textQuestions.Contains(questionId, StringComparer.Ordinal))
            {
                throw new InsightsRequestException(Resources.InsightsTexts.Format(
                    Resources.InsightsTexts.UnknownQuestion, language, questionId, scope.Label(language), string.Join(", ", textQuestions)));
            }
        }

        return scope;
    }

    private async Task<InsightsScope> ForProjectsAsync(LocalizedText? title, IReadOnlyList<Project> selected, CancellationToken cancellationToken)
    {
        var citizen = new List<Consultation>();
        var imported = new List<Consultation>();
        foreach (var project in selected)
        {
            citizen.AddRange(await Pages.AllAsync((page, ct) => consultations.ListByProjectAsync(project.Slug, page, ct), cancellationToken));
            if (await consultations.GetAsync(ImportedFeedback.ConsultationId(project.Slug), cancellationToken) is { } extra)
            {
                imported.Add(extra);
            }
        }

        return new InsightsScope(title, citizen, imported, selected);
    }
}
