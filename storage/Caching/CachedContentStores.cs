using System.Globalization;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Caching;

/// <summary>The project store of the configured provider, read through <see cref="ContentCache"/>.</summary>
internal sealed class CachedProjectStore(IProjectStore inner, ContentCache cache) : IProjectStore
{
    /// <inheritdoc />
    public Task<Project?> GetAsync(string slug, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync("project:" + slug, () => inner.GetAsync(slug, cancellationToken));

    /// <inheritdoc />
    public Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return cache.GetOrLoadAsync(ListKey("projects", page), () => inner.ListAsync(page, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<Project> SaveAsync(Project project, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.SaveAsync(project, cancellationToken);
        }
        finally
        {
            cache.Clear();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string slug, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.DeleteAsync(slug, etag, cancellationToken);
        }
        finally
        {
            cache.Clear();
        }
    }

    internal static string ListKey(string prefix, PageRequest page) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}:{page.EffectiveSize}:{page.ContinuationToken}");
}

/// <summary>The consultation store of the configured provider, read through <see cref="ContentCache"/>.</summary>
internal sealed class CachedConsultationStore(IConsultationStore inner, ContentCache cache) : IConsultationStore
{
    /// <inheritdoc />
    public Task<Consultation?> GetAsync(string id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync("consultation:" + id, () => inner.GetAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<Page<Consultation>> ListByProjectAsync(string projectSlug, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return cache.GetOrLoadAsync(
            CachedProjectStore.ListKey("consultations:" + projectSlug, page),
            () => inner.ListByProjectAsync(projectSlug, page, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<Consultation> SaveAsync(Consultation consultation, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.SaveAsync(consultation, cancellationToken);
        }
        finally
        {
            cache.Clear();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.DeleteAsync(id, etag, cancellationToken);
        }
        finally
        {
            cache.Clear();
        }
    }
}
