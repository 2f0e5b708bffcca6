using System.Data.Common;
using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// Responses and their answers. Saving an answer and submitting are on the per-turn hot path: plain SQL statements
/// (bump the response's ETag, upsert the answer row; or mark it submitted) in the scope's transaction or a new one.
/// EF Core serves the rarer paths (listing, anonymizing, importing).
/// </summary>
internal sealed class RelationalResponseStore(RelationalSession session, TimeProvider timeProvider) : IResponseStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "response";

    private const string TouchSql = "UPDATE responses SET updated_at = @now, etag = @etag WHERE id = @id";

    private const string TouchIfMatchSql = TouchSql + " AND etag = @expected";

    private const string SubmitSql = "UPDATE responses SET submitted_at = @now, updated_at = @now, etag = @etag WHERE id = @id";

    private const string SubmitIfMatchSql = SubmitSql + " AND etag = @expected";

    private const string UpsertAnswerSql =
        "INSERT INTO answers (response_id, question_id, value, answered_at) VALUES (@id, @question, @value, @answered_at) " +
        "ON CONFLICT (response_id, question_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at";

    private const string Columns = "id, participant_id, consultation_id, started_at, submitted_at, updated_at, etag";

    private const string AnswerColumns = "question_id, value, answered_at";

    // Read on every consultation turn: one round trip of two statements, no EF Core query pipeline.
    private const string GetSql =
        "SELECT " + Columns + " FROM responses WHERE id = @id; " +
        "SELECT " + AnswerColumns + " FROM answers WHERE response_id = @id;";

    private const string FindSql =
        "SELECT " + Columns + " FROM responses WHERE participant_id = @participant AND consultation_id = @consultation; " +
        "SELECT " + AnswerColumns + " FROM answers WHERE response_id = " +
        "(SELECT id FROM responses WHERE participant_id = @participant AND consultation_id = @consultation);";

    private const string InsertSql =
        "INSERT INTO responses (id, participant_id, consultation_id, started_at, submitted_at, updated_at, etag) " +
        "VALUES (@id, @participant, @consultation, @started_at, NULL, @updated_at, @etag);";

    private const string DeleteAnswerSql = "DELETE FROM answers WHERE response_id = @id AND question_id = @question";

    /// <inheritdoc />
    public Task<Response?> GetAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync(GetSql, command => command.AddParameter("@id", id), cancellationToken);

    /// <inheritdoc />
    public Task<Response?> FindAsync(string participantId, string consultationId, CancellationToken cancellationToken) =>
        ReadOneAsync(
            FindSql,
            command =>
            {
                command.AddParameter("@participant", participantId);
                command.AddParameter("@consultation", consultationId);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<Response> StartAsync(string participantId, string consultationId, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(participantId, consultationId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = timeProvider.GetUtcNow();
        var row = new ResponseRow
        {
            Id = Ids.New(now),
            ParticipantId = participantId,
            ConsultationId = consultationId,
            StartedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await InsertAsync(row, cancellationToken);
        }
        catch (ConcurrencyConflictException) when (!session.InTransaction)
        {
            // Another turn of the same participant started it first: theirs is the response.
            return await FindAsync(participantId, consultationId, cancellationToken)
                ?? throw new ConcurrencyConflictException(Kind, $"{participantId}/{consultationId}", null);
        }

        return new Response
        {
            Id = row.Id,
            ParticipantId = participantId,
            ConsultationId = consultationId,
            StartedAt = now,
            UpdatedAt = now,
            ETag = row.ETag,
        };
    }

    /// <inheritdoc />
    public async Task<string> SaveAnswerAsync(string responseId, Answer answer, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var value = StorageJson.Serialize(answer.Value);
        return await ChangeAnswersAsync(responseId, expectedETag, UpsertAnswerSql, command =>
        {
            command.AddParameter("@question", answer.QuestionId);
            command.AddParameter("@value", value);
            command.AddParameter("@answered_at", answer.AnsweredAt.UtcTicks);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> RemoveAnswerAsync(string responseId, string questionId, string? expectedETag, CancellationToken cancellationToken) =>
        ChangeAnswersAsync(responseId, expectedETag, DeleteAnswerSql, command => command.AddParameter("@question", questionId), cancellationToken);

    /// <inheritdoc />
    public async Task<Response> SubmitAsync(string responseId, string? expectedETag, CancellationToken cancellationToken)
    {
        var etag = Ids.NewETag();
        var now = timeProvider.GetUtcNow().UtcTicks;
        await using (await session.OpenAsync(cancellationToken))
        {
            await session.InTransactionAsync(
                async ct =>
                {
                    await UpdateResponseAsync(expectedETag is null ? SubmitSql : SubmitIfMatchSql, responseId, expectedETag, now, etag, ct);
                    return true;
                },
                cancellationToken);
        }

        return await GetAsync(responseId, cancellationToken) ?? throw new ConcurrencyConflictException(Kind, responseId, etag);
    }

    /// <inheritdoc />
    public async Task<Page<Response>> ListByConsultationAsync(string consultationId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var rows = await Db.Responses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && (after == null || string.Compare(r.Id, after) > 0))
            .OrderBy(r => r.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var items = await ToDomainAsync(rows, cancellationToken);
        return new Page<Response>(items, hasMore ? RelationalSupport.ToContinuationToken(rows[^1].Id) : null);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        // Answers go with the response (ON DELETE CASCADE).
        var deleted = await Db.Responses.Where(r => r.Id == id && (etag == null || r.ETag == etag)).ExecuteDeleteAsync(cancellationToken);
        return await RelationalSupport.CompleteDeleteAsync(
            deleted, etag, ct => Db.Responses.AnyAsync(r => r.Id == id, ct), Kind, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Response>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        var rows = await Db.Responses.AsNoTracking().Where(r => r.ParticipantId == participantId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return await ToDomainAsync(rows, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ResponseSubmission>> ListSubmissionsAsync(
        IReadOnlyCollection<string> participantIds, IReadOnlyCollection<string> consultationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participantIds);
        ArgumentNullException.ThrowIfNull(consultationIds);
        if (participantIds.Count == 0 || consultationIds.Count == 0)
        {
            return [];
        }

        // One query (the id lists travel as one JSON / array parameter each), on the (participant, consultation) index.
        var participants = participantIds.Distinct(StringComparer.Ordinal).ToList();
        var consultations = consultationIds.Distinct(StringComparer.Ordinal).ToList();
        var rows = await Db.Responses.AsNoTracking()
            .Where(r => r.SubmittedAt != null && participants.Contains(r.ParticipantId) && consultations.Contains(r.ConsultationId))
            .Select(r => new { r.ParticipantId, r.ConsultationId, r.SubmittedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ResponseSubmission(r.ParticipantId, r.ConsultationId, r.SubmittedAt!.Value)).ToList();
    }

    /// <inheritdoc />
    public async Task<Response?> AnonymizeAsync(string responseId, CancellationToken cancellationToken)
    {
        var response = await GetAsync(responseId, cancellationToken);
        if (response is null)
        {
            return null;
        }

        var anonymous = ResponseAnonymizer.Anonymize(response);

        // One SaveChanges = one transaction: the copy (with its kept answers) appears as the original disappears.
        var row = AddWithAnswers(anonymous);
        Db.Responses.Remove(new ResponseRow { Id = responseId, ETag = response.ETag! });
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConcurrencyConflictException(Kind, responseId, response.ETag, ex);
        }
        finally
        {
            Db.ChangeTracker.Clear();
        }

        return anonymous with { ETag = row.ETag };
    }

    /// <inheritdoc />
    public async Task<Response> ImportAsync(Response response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (await GetAsync(response.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        // One SaveChanges = one transaction: the response appears with all its answers.
        var row = AddWithAnswers(response);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConcurrencyConflictException(Kind, $"{response.ParticipantId}/{response.ConsultationId}", null, ex);
        }
        finally
        {
            Db.ChangeTracker.Clear();
        }

        return response with { ETag = row.ETag };
    }

    private async Task<string> ChangeAnswersAsync(
        string responseId, string? expectedETag, string answerSql, Action<DbCommand> bindAnswer, CancellationToken cancellationToken)
    {
        var etag = Ids.NewETag();
        var now = timeProvider.GetUtcNow().UtcTicks;
        await using (await session.OpenAsync(cancellationToken))
        {
            await session.InTransactionAsync(
                async ct =>
                {
                    await UpdateResponseAsync(expectedETag is null ? TouchSql : TouchIfMatchSql, responseId, expectedETag, now, etag, ct);
                    await using var change = await session.CreateWriteCommandAsync(answerSql, ct);
                    change.AddParameter("@id", responseId);
                    bindAnswer(change);
                    await change.ExecuteNonQueryAsync(ct);
                    return true;
                },
                cancellationToken);
        }

        return etag;
    }

    /// <summary>Runs an update of one response row (by id, and ETag when given) that sets a new ETag; none updated is a conflict.</summary>
    private async Task UpdateResponseAsync(string sql, string responseId, string? expectedETag, long now, string etag, CancellationToken cancellationToken)
    {
        await using var update = await session.CreateWriteCommandAsync(sql, cancellationToken);
        update.AddParameter("@id", responseId);
        update.AddParameter("@now", now);
        update.AddParameter("@etag", etag);
        if (expectedETag is not null)
        {
            update.AddParameter("@expected", expectedETag);
        }

        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ConcurrencyConflictException(Kind, responseId, expectedETag);
        }
    }

    private async Task<List<Response>> ToDomainAsync(List<ResponseRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var answers = await Db.Answers.AsNoTracking().Where(a => ids.Contains(a.ResponseId)).ToListAsync(cancellationToken);
        var byResponse = answers.ToLookup(a => a.ResponseId, StringComparer.Ordinal);
        return rows.Select(row => ToDomain(row, byResponse[row.Id])).ToList();
    }

    private static Response ToDomain(ResponseRow row, IEnumerable<AnswerRow> answers) => new()
    {
        Id = row.Id,
        ParticipantId = row.ParticipantId,
        ConsultationId = row.ConsultationId,
        StartedAt = row.StartedAt,
        SubmittedAt = row.SubmittedAt,
        UpdatedAt = row.UpdatedAt,
        Answers = answers
            .OrderBy(a => a.AnsweredAt)
            .ThenBy(a => a.QuestionId, StringComparer.Ordinal)
            .Select(a => new Answer(a.QuestionId, StorageJson.Deserialize<AnswerValue>(a.Value), a.AnsweredAt))
            .ToList(),
        ETag = row.ETag,
    };

    private Task<Response?> ReadOneAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        session.ReadRowWithChildrenAsync(
            sql,
            bind,
            reader => new ResponseRow
            {
                Id = reader.GetString(0),
                ParticipantId = reader.GetString(1),
                ConsultationId = reader.GetString(2),
                StartedAt = Ticks(reader.GetInt64(3)),
                SubmittedAt = reader.IsDBNull(4) ? null : Ticks(reader.GetInt64(4)),
                UpdatedAt = Ticks(reader.GetInt64(5)),
                ETag = reader.GetString(6),
            },
            (reader, row) => new AnswerRow { ResponseId = row.Id, QuestionId = reader.GetString(0), Value = reader.GetString(1), AnsweredAt = Ticks(reader.GetInt64(2)) },
            ToDomain,
            cancellationToken);

    /// <summary>Adds the response (with a new ETag) and its answers to the context, to be saved together.</summary>
    private ResponseRow AddWithAnswers(Response response)
    {
        var row = new ResponseRow
        {
            Id = response.Id,
            ParticipantId = response.ParticipantId,
            ConsultationId = response.ConsultationId,
            StartedAt = response.StartedAt,
            SubmittedAt = response.SubmittedAt,
            UpdatedAt = response.UpdatedAt,
            ETag = Ids.NewETag(),
        };
        Db.Responses.Add(row);
        Db.Answers.AddRange(response.Answers.Select(a => new AnswerRow
        {
            ResponseId = row.Id,
            QuestionId = a.QuestionId,
            Value = StorageJson.Serialize(a.Value),
            AnsweredAt = a.AnsweredAt,
        }));
        return row;
    }

    private static DateTimeOffset Ticks(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private async Task InsertAsync(ResponseRow row, CancellationToken cancellationToken)
    {
        row.ETag = Ids.NewETag();
        await using (await session.OpenAsync(cancellationToken))
        {
            await session.InTransactionAsync(
                async ct =>
                {
                    await using var insert = await session.CreateWriteCommandAsync(InsertSql, ct);
                    insert.AddParameter("@id", row.Id);
                    insert.AddParameter("@participant", row.ParticipantId);
                    insert.AddParameter("@consultation", row.ConsultationId);
                    insert.AddParameter("@started_at", row.StartedAt.UtcTicks);
                    insert.AddParameter("@updated_at", row.UpdatedAt.UtcTicks);
                    insert.AddParameter("@etag", row.ETag);
                    try
                    {
                        await insert.ExecuteNonQueryAsync(ct);
                    }
                    catch (DbException ex) when (RelationalSupport.IsUniqueKeyError(ex))
                    {
                        throw new ConcurrencyConflictException(Kind, $"{row.ParticipantId}/{row.ConsultationId}", null, ex);
                    }

                    return true;
                },
                cancellationToken);
        }
    }
}
