using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Cosmos;

/// <summary>
/// Responses: one document per (participant, consultation) with its answers, in the participant's partition
/// with id <c>response|{consultation}</c> — Find is a point read and Cosmos' id uniqueness makes Start idempotent.
/// A lookup <c>response|{responseId}</c> → location (cached in-process) serves Get and the per-turn hot path
/// SaveAnswer (point read + conditional replace). An index entry per response in partition
/// <c>consultation-responses|{consultation}</c> serves the staff listing as a single-partition query.
/// Lookup and index entry are written before the document (idempotent upserts): a crash leaves at most an entry
/// pointing to nothing, which reads as missing and is skipped.
/// </summary>
internal sealed class CosmosResponseStore(CosmosDatabase database, TimeProvider timeProvider) : IResponseStore
{
    private const string Kind = "response";

    private const string EntryKind = "response-entry";

    private const int MaxRetries = 5;

    private const int SubmissionReadConcurrency = 16;

    /// <inheritdoc />
    public async Task<Response?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var location = await CosmosItems.ResolveAsync(database, Lookup(id), cancellationToken);
        return location is null ? null : await ReadAsync(location, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Response?> FindAsync(string participantId, string consultationId, CancellationToken cancellationToken) =>
        ReadAsync(LocationOf(participantId, consultationId), cancellationToken);

    /// <inheritdoc />
    public async Task<Response> StartAsync(string participantId, string consultationId, CancellationToken cancellationToken)
    {
        var location = LocationOf(participantId, consultationId);
        var existing = await ReadAsync(location, cancellationToken);
        if (existing is not null)
        {
            await EnsureIndexedAsync(existing, location, cancellationToken);
            return existing;
        }

        var now = timeProvider.GetUtcNow();
        var response = new Response { Id = Ids.New(now), ParticipantId = participantId, ConsultationId = consultationId, StartedAt = now, UpdatedAt = now };
        await IndexAsync(response, location, cancellationToken);
        if (!await CosmosItems.TryCreateAsync(database.Items, location.Partition, Body(response, location), cancellationToken))
        {
            // Another turn of the same participant started it first: theirs is the response; drop our entries.
            await UnindexAsync(response.Id, consultationId, cancellationToken);
            return await ReadAsync(location, cancellationToken) ?? throw new ConcurrencyConflictException(Kind, $"{participantId}/{consultationId}", null);
        }

        return await ReadAsync(location, cancellationToken) ?? throw new ConcurrencyConflictException(Kind, response.Id, null);
    }

    /// <inheritdoc />
    public Task<string> SaveAnswerAsync(string responseId, Answer answer, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return ChangeAsync(responseId, expectedETag, r => r with
        {
            Answers = [.. r.Answers.Where(a => a.QuestionId != answer.QuestionId), answer],
            UpdatedAt = timeProvider.GetUtcNow(),
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> RemoveAnswerAsync(string responseId, string questionId, string? expectedETag, CancellationToken cancellationToken) =>
        ChangeAsync(responseId, expectedETag, r => r with
        {
            Answers = [.. r.Answers.Where(a => a.QuestionId != questionId)],
            UpdatedAt = timeProvider.GetUtcNow(),
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<Response> SubmitAsync(string responseId, string? expectedETag, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await ChangeAsync(responseId, expectedETag, r => r with { SubmittedAt = now, UpdatedAt = now }, cancellationToken);
        return await GetAsync(responseId, cancellationToken) ?? throw new ConcurrencyConflictException(Kind, responseId, expectedETag);
    }

    /// <inheritdoc />
    public async Task<Page<Response>> ListByConsultationAsync(string consultationId, PageRequest page, CancellationToken cancellationToken)
    {
        var (entries, token) = await CosmosItems.PageAsync(database.Items, ConsultationPartition(consultationId), EntryKind, page, null, [], cancellationToken);
        var responses = await Task.WhenAll(entries.Select(e => ReadAsync(new CosmosLocation(e.Field("partition")!, e.Field("documentId")!), cancellationToken)));
        return new Page<Response>(responses.Where(r => r is not null).Select(r => r!).ToList(), token);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Response>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken) =>
        (await CosmosItems.AllAsync(database.Items, ParticipantPartition.Of(participantId), Kind, cancellationToken))
            .Select(d => d.Doc<Response>() with { ETag = d.ETag }).ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ResponseSubmission>> ListSubmissionsAsync(
        IReadOnlyCollection<string> participantIds, IReadOnlyCollection<string> consultationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participantIds);
        ArgumentNullException.ThrowIfNull(consultationIds);

        // No cross-partition query: a response sits in its participant's partition under a known id, so each
        // (participant, consultation) pair is one point read (1 RU when missing or small), a bounded number at a time.
        var pairs = participantIds.Distinct(StringComparer.Ordinal)
            .SelectMany(p => consultationIds.Distinct(StringComparer.Ordinal), (p, c) => LocationOf(p, c));
        var found = new System.Collections.Concurrent.ConcurrentBag<ResponseSubmission>();
        await Parallel.ForEachAsync(
            pairs,
            new ParallelOptions { MaxDegreeOfParallelism = SubmissionReadConcurrency, CancellationToken = cancellationToken },
            async (location, ct) =>
            {
                if (await ReadAsync(location, ct) is { SubmittedAt: { } submittedAt } response)
                {
                    found.Add(new ResponseSubmission(response.ParticipantId, response.ConsultationId, submittedAt));
                }
            });
        return [.. found];
    }

    /// <inheritdoc />
    public async Task<Response?> AnonymizeAsync(string responseId, CancellationToken cancellationToken)
    {
        var response = await GetAsync(responseId, cancellationToken);
        if (response is null)
        {
            return null;
        }

        // Deterministic anonymous id: re-running an interrupted erasure finds the copy instead of counting twice.
        var anonymous = ResponseAnonymizer.Anonymize(response);
        var location = new CosmosLocation("anonymous|" + response.ConsultationId, CosmosItems.ToId(Kind + "|" + anonymous.Id));
        await IndexAsync(anonymous, location, cancellationToken);
        await CosmosItems.TryCreateAsync(database.Items, location.Partition, Body(anonymous, location), cancellationToken);
        await DeleteAsync(responseId, null, cancellationToken);
        return await ReadAsync(location, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Response> ImportAsync(Response response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (await GetAsync(response.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        // Anonymous copies live where AnonymizeAsync puts them; every other response in its participant's partition.
        var location = response.ParticipantId.StartsWith(ResponseAnonymizer.AnonymousPrefix, StringComparison.Ordinal)
            ? new CosmosLocation("anonymous|" + response.ConsultationId, CosmosItems.ToId(Kind + "|" + response.Id))
            : LocationOf(response.ParticipantId, response.ConsultationId);
        await IndexAsync(response, location, cancellationToken);
        if (!await CosmosItems.TryCreateAsync(database.Items, location.Partition, Body(response, location), cancellationToken))
        {
            var there = await ReadAsync(location, cancellationToken);
            if (there?.Id != response.Id)
            {
                // Another response of this participant and consultation holds the place: leave it, drop our entries.
                await UnindexAsync(response.Id, response.ConsultationId, cancellationToken);
                throw new ConcurrencyConflictException(Kind, $"{response.ParticipantId}/{response.ConsultationId}", null);
            }
        }

        return await ReadAsync(location, cancellationToken) ?? throw new ConcurrencyConflictException(Kind, response.Id, null);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        var location = await CosmosItems.ResolveAsync(database, Lookup(id), cancellationToken);
        if (location is null)
        {
            return false;
        }

        var document = await CosmosItems.ReadAsync(database.Items, location.Partition, location.DocumentId, cancellationToken);
        var deleted = await CosmosItems.DeleteAsync(database.Items, location.Partition, location.DocumentId, etag, Kind, id, cancellationToken);
        if (document is not null)
        {
            await UnindexAsync(id, document.Doc<Response>().ConsultationId, cancellationToken);
        }

        return deleted;
    }

    private async Task<string> ChangeAsync(string responseId, string? expectedETag, Func<Response, Response> change, CancellationToken cancellationToken)
    {
        var location = await CosmosItems.ResolveAsync(database, Lookup(responseId), cancellationToken)
            ?? throw new ConcurrencyConflictException(Kind, responseId, expectedETag);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(location, cancellationToken);
            if (current is null || (expectedETag is not null && current.ETag != expectedETag))
            {
                throw new ConcurrencyConflictException(Kind, responseId, expectedETag);
            }

            try
            {
                return await CosmosItems.ReplaceAsync(
                    database.Items, location.Partition, location.DocumentId, Body(change(current), location), current.ETag!, Kind, responseId, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (expectedETag is null && attempt < MaxRetries)
            {
                // Unconditional change raced another writer of the same response: re-read and apply again.
            }
        }
    }

    private async Task<Response?> ReadAsync(CosmosLocation location, CancellationToken cancellationToken)
    {
        var document = await CosmosItems.ReadAsync(database.Items, location.Partition, location.DocumentId, cancellationToken);
        return document is null ? null : document.Doc<Response>() with { ETag = document.ETag };
    }

    private async Task EnsureIndexedAsync(Response response, CosmosLocation location, CancellationToken cancellationToken)
    {
        if (!database.Lookups.TryGet(CosmosItems.ToId(Lookup(response.Id)), out _))
        {
            await IndexAsync(response, location, cancellationToken);
        }
    }

    private async Task IndexAsync(Response response, CosmosLocation location, CancellationToken cancellationToken)
    {
        await CosmosItems.PutLookupAsync(database, Lookup(response.Id), location, cancellationToken);
        var partition = ConsultationPartition(response.ConsultationId);
        var entry = CosmosItems.Envelope<object>(
            CosmosItems.ToId(response.Id), partition, EntryKind, null, ("key", response.Id), ("partition", location.Partition), ("documentId", location.DocumentId));
        await CosmosItems.UpsertAsync(database.Items, partition, entry, cancellationToken);
    }

    private async Task UnindexAsync(string responseId, string consultationId, CancellationToken cancellationToken)
    {
        await CosmosItems.DeleteAsync(database.Items, ConsultationPartition(consultationId), CosmosItems.ToId(responseId), null, EntryKind, responseId, cancellationToken);
        await CosmosItems.RemoveLookupAsync(database, Lookup(responseId), cancellationToken);
    }

    private static MemoryStream Body(Response response, CosmosLocation location) =>
        CosmosItems.Envelope(location.DocumentId, location.Partition, Kind, response with { ETag = null }, ("key", response.Id), ("participantId", response.ParticipantId));

    private static CosmosLocation LocationOf(string participantId, string consultationId) =>
        new(ParticipantPartition.Of(participantId), CosmosItems.ToId(Kind + "|" + consultationId));

    private static string Lookup(string responseId) => Kind + "|" + responseId;

    private static string ConsultationPartition(string consultationId) => "consultation-responses|" + consultationId;
}
