using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>Projects as JSON documents keyed by slug.</summary>
internal sealed class RelationalProjectStore(RelationalSession session, TimeProvider timeProvider) : IProjectStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "project";

    /// <inheritdoc />
    public async Task<Project?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var row = await Db.Projects.AsNoTracking().FirstOrDefaultAsync(r => r.Slug == slug, cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var rows = await Db.Projects.AsNoTracking()
            .Where(r => after == null || string.Compare(r.Slug, after) > 0)
            .OrderBy(r => r.Slug)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        return RelationalSupport.ToPage(rows, size, r => r.Slug, ToDomain);
    }

    /// <inheritdoc />
    public async Task<Project> SaveAsync(Project project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var row = new ProjectRow
        {
            Slug = project.Slug,
            Document = StorageJson.Serialize(project with { ETag = null }),
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        var etag = await Db.SaveRowAsync(row, project.ETag, Kind, project.Slug, cancellationToken);
        return project with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string slug, string? etag, CancellationToken cancellationToken)
    {
        var deleted = await Db.Projects.Where(r => r.Slug == slug && (etag == null || r.ETag == etag)).ExecuteDeleteAsync(cancellationToken);
        return await RelationalSupport.CompleteDeleteAsync(
            deleted, etag, ct => Db.Projects.AnyAsync(r => r.Slug == slug, ct), Kind, slug, cancellationToken);
    }

    private static Project ToDomain(ProjectRow row) => StorageJson.Deserialize<Project>(row.Document) with { ETag = row.ETag };
}

/// <summary>Consultations as JSON documents keyed by id, indexed by project.</summary>
internal sealed class RelationalConsultationStore(RelationalSession session, TimeProvider timeProvider) : IConsultationStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "consultation";

    /// <inheritdoc />
    public async Task<Consultation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Db.Consultations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Page<Consultation>> ListByProjectAsync(string projectSlug, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var rows = await Db.Consultations.AsNoTracking()
            .Where(r => r.ProjectSlug == projectSlug && (after == null || string.Compare(r.Id, after) > 0))
            .OrderBy(r => r.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        return RelationalSupport.ToPage(rows, size, r => r.Id, ToDomain);
    }

    /// <inheritdoc />
    public async Task<Consultation> SaveAsync(Consultation consultation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var row = new ConsultationRow
        {
            Id = consultation.Id,
            ProjectSlug = consultation.ProjectSlug,
            OpensAt = consultation.OpensAt,
            ClosesAt = consultation.ClosesAt,
            Document = StorageJson.Serialize(consultation with { ETag = null }),
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        var etag = await Db.SaveRowAsync(row, consultation.ETag, Kind, consultation.Id, cancellationToken);
        return consultation with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        var deleted = await Db.Consultations.Where(r => r.Id == id && (etag == null || r.ETag == etag)).ExecuteDeleteAsync(cancellationToken);
        return await RelationalSupport.CompleteDeleteAsync(
            deleted, etag, ct => Db.Consultations.AnyAsync(r => r.Id == id, ct), Kind, id, cancellationToken);
    }

    private static Consultation ToDomain(ConsultationRow row) => StorageJson.Deserialize<Consultation>(row.Document) with { ETag = row.ETag };
}
