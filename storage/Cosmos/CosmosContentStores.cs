using EngagementBot.Storage.Domain;
using Microsoft.Azure.Cosmos;

namespace EngagementBot.Storage.Cosmos;

/// <summary>
/// Documents that live in one fixed logical partition of the items container (projects, consultations,
/// notifications, citizen questions: small sets read by id or listed): get = point read, list = single-partition query.
/// </summary>
internal sealed class CosmosPartitionSet<T>(CosmosDatabase database, string partition, string type)
    where T : class
{
    /// <summary>The partition key value.</summary>
    public string Partition => partition;

    /// <summary>Point read by raw key.</summary>
    public async Task<(T Item, string ETag)?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var document = await CosmosItems.ReadAsync(database.Items, partition, CosmosItems.ToId(key), cancellationToken);
        return document is null ? null : (document.Doc<T>(), document.ETag);
    }

    /// <summary>Creates (ETag null) or conditionally replaces the document. Returns the new ETag.</summary>
    public Task<string> SaveAsync(string key, T item, string? etag, (string Name, object? Value)[] fields, CancellationToken cancellationToken)
    {
        var id = CosmosItems.ToId(key);
        var body = CosmosItems.Envelope(id, partition, type, item, [("key", key), .. fields]);
        return etag is null
            ? CosmosItems.CreateAsync(database.Items, partition, body, type, key, cancellationToken)
            : CosmosItems.ReplaceAsync(database.Items, partition, id, body, etag, type, key, cancellationToken);
    }

    /// <summary>Deletes the document (that version only when an ETag is given).</summary>
    public Task<bool> DeleteAsync(string key, string? etag, CancellationToken cancellationToken) =>
        CosmosItems.DeleteAsync(database.Items, partition, CosmosItems.ToId(key), etag, type, key, cancellationToken);

    /// <summary>One page ordered by key, optionally filtered on an indexed envelope field.</summary>
    public async Task<Page<(T Item, string ETag)>> PageAsync(PageRequest page, string? filter, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        var (items, token) = await CosmosItems.PageAsync(database.Items, partition, type, page, filter, parameters, cancellationToken);
        return new Page<(T, string)>(items.Select(d => (d.Doc<T>(), d.ETag)).ToList(), token);
    }

    /// <summary>Every document matching a filter, ordered by key.</summary>
    public async Task<List<(T Item, string ETag)>> AllAsync(string filter, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND {filter} ORDER BY c.key")
            .WithParameter("@pk", partition).WithParameter("@type", type);
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        var documents = await CosmosItems.QueryAsync(database.Items, partition, query, int.MaxValue, cancellationToken);
        return documents.Select(d => (d.Doc<T>(), d.ETag)).ToList();
    }
}

/// <summary>Projects: partition <c>projects</c>, id = slug.</summary>
internal sealed class CosmosProjectStore(CosmosDatabase database) : IProjectStore
{
    private readonly CosmosPartitionSet<Project> _set = new(database, "projects", "project");

    /// <inheritdoc />
    public async Task<Project?> GetAsync(string slug, CancellationToken cancellationToken) =>
        await _set.GetAsync(slug, cancellationToken) is { } found ? found.Item with { ETag = found.ETag } : null;

    /// <inheritdoc />
    public async Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var found = await _set.PageAsync(page, null, [], cancellationToken);
        return new Page<Project>(found.Items.Select(f => f.Item with { ETag = f.ETag }).ToList(), found.ContinuationToken);
    }

    /// <inheritdoc />
    public async Task<Project> SaveAsync(Project project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var etag = await _set.SaveAsync(project.Slug, project with { ETag = null }, project.ETag, [], cancellationToken);
        return project with { ETag = etag };
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string slug, string? etag, CancellationToken cancellationToken) => _set.DeleteAsync(slug, etag, cancellationToken);
}

/// <summary>Consultations: partition <c>consultations</c>, id = consultation id, indexed <c>projectSlug</c>.</summary>
internal sealed class CosmosConsultationStore(CosmosDatabase database) : IConsultationStore
{
    private readonly CosmosPartitionSet<Consultation> _set = new(database, "consultations", "consultation");

    /// <inheritdoc />
    public async Task<Consultation?> GetAsync(string id, CancellationToken cancellationToken) =>
        await _set.GetAsync(id, cancellationToken) is { } found ? found.Item with { ETag = found.ETag } : null;

    /// <inheritdoc />
    public async Task<Page<Consultation>> ListByProjectAsync(string projectSlug, PageRequest page, CancellationToken cancellationToken)
    {
        var found = await _set.PageAsync(page, "c.projectSlug = @slug", [("@slug", projectSlug)], cancellationToken);
        return new Page<Consultation>(found.Items.Select(f => f.Item with { ETag = f.ETag }).ToList(), found.ContinuationToken);
    }

    /// <inheritdoc />
    public async Task<Consultation> SaveAsync(Consultation consultation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var etag = await _set.SaveAsync(consultation.Id, consultation with { ETag = null }, consultation.ETag, [("projectSlug", consultation.ProjectSlug)], cancellationToken);
        return consultation with { ETag = etag };
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken) => _set.DeleteAsync(id, etag, cancellationToken);
}

/// <summary>Citizen questions: partition <c>questions</c> (the staff queue), indexed <c>status</c> and <c>participantId</c>.</summary>
internal sealed class CosmosCitizenQuestionStore(CosmosDatabase database) : ICitizenQuestionStore
{
    private readonly CosmosPartitionSet<CitizenQuestion> _set = new(database, "questions", "question");

    /// <inheritdoc />
    public async Task<CitizenQuestion?> GetAsync(string id, CancellationToken cancellationToken) =>
        await _set.GetAsync(id, cancellationToken) is { } found ? found.Item with { ETag = found.ETag } : null;

    /// <inheritdoc />
    public async Task<Page<CitizenQuestion>> ListAsync(CitizenQuestionStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var found = status is null
            ? await _set.PageAsync(page, null, [], cancellationToken)
            : await _set.PageAsync(page, "c.status = @status", [("@status", status.Value.ToString())], cancellationToken);
        return new Page<CitizenQuestion>(found.Items.Select(f => f.Item with { ETag = f.ETag }).ToList(), found.ContinuationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CitizenQuestion>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken) =>
        (await _set.AllAsync("c.participantId = @participant", [("@participant", participantId)], cancellationToken))
            .Select(f => f.Item with { ETag = f.ETag }).ToList();

    /// <inheritdoc />
    public async Task<CitizenQuestion> SaveAsync(CitizenQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var etag = await _set.SaveAsync(
            question.Id, question with { ETag = null }, question.ETag, [("status", question.Status.ToString()), ("participantId", question.ParticipantId)], cancellationToken);
        return question with { ETag = etag };
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken) => _set.DeleteAsync(id, etag, cancellationToken);
}
