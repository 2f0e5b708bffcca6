using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Insights;

/// <summary>One outside comment to store as feedback of a project.</summary>
/// <param name="Id">The item's id in its source (unique within the project's imported feedback).</param>
/// <param name="Text">The comment.</param>
public sealed record ImportItem(string Id, string Text);

/// <summary>What an import did.</summary>
/// <param name="ConsultationId">The imported-feedback consultation of the project.</param>
/// <param name="Created">Items stored for the first time.</param>
/// <param name="Updated">Items already imported, whose text was replaced.</param>
public sealed record ImportOutcome(string ConsultationId, int Created, int Updated);

/// <summary>
/// Stores outside feedback as submitted responses of the project's imported-feedback consultation
/// (<see cref="ImportedFeedback"/>), so staff summaries of the project include it. Importing an item again
/// (same id) replaces its text instead of adding a copy.
/// </summary>
public sealed class FeedbackImporter(IProjectStore projects, IConsultationStore consultations, IResponseStore responses, IStorageUnitOfWork unitOfWork, TimeProvider timeProvider)
{
    private const int BatchSize = 200;

    /// <summary>The project, or <see langword="null"/> when there is none with this slug.</summary>
    public Task<Project?> FindProjectAsync(string projectSlug, CancellationToken cancellationToken) => projects.GetAsync(projectSlug, cancellationToken);

    /// <summary>The slugs of every project (for the "unknown project" message).</summary>
    public async Task<IReadOnlyList<string>> ProjectSlugsAsync(CancellationToken cancellationToken) =>
        [.. (await Pages.AllAsync((p, ct) => projects.ListAsync(p, ct), cancellationToken)).Select(p => p.Slug)];

    /// <summary>Stores the items as feedback of <paramref name="project"/>.</summary>
    public async Task<ImportOutcome> ImportAsync(Project project, IReadOnlyList<ImportItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(items);
        var now = timeProvider.GetUtcNow();
        var consultationId = ImportedFeedback.ConsultationId(project.Slug);
        if (await consultations.GetAsync(consultationId, cancellationToken) is null)
        {
            await consultations.SaveAsync(ImportedFeedback.CreateConsultation(project, now), cancellationToken);
        }

        var created = 0;
        var updated = 0;
        foreach (var batch in items.Chunk(BatchSize))
        {
            await using var transaction = await unitOfWork.BeginAsync(cancellationToken);
            foreach (var item in batch)
            {
                var response = await responses.StartAsync(ImportedFeedback.ParticipantId(project.Slug, item.Id), consultationId, cancellationToken);
                if (response.Answers.Count > 0)
                {
                    updated++;
                }
                else
                {
                    created++;
                }

                var etag = await responses.SaveAnswerAsync(response.Id, new Answer(ImportedFeedback.QuestionId, new TextAnswer(item.Text), now), null, cancellationToken);
                if (response.SubmittedAt is null)
                {
                    await responses.SubmitAsync(response.Id, etag, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new ImportOutcome(consultationId, created, updated);
    }
}
