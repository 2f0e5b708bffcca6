using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>Citizens' questions to staff, listed by status in asking order (ids are time-ordered).</summary>
internal sealed class RelationalCitizenQuestionStore(RelationalSession session) : ICitizenQuestionStore
{
    private EngagementDbContext Db => session.Context;

    private const string Kind = "citizen question";

    /// <inheritdoc />
    public async Task<CitizenQuestion?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Db.CitizenQuestions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Page<CitizenQuestion>> ListAsync(CitizenQuestionStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var statusName = status?.ToString();
        var rows = await Db.CitizenQuestions.AsNoTracking()
            .Where(r => (statusName == null || r.Status == statusName) && (after == null || string.Compare(r.Id, after) > 0))
            .OrderBy(r => r.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        return RelationalSupport.ToPage(rows, size, r => r.Id, ToDomain);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CitizenQuestion>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        var rows = await Db.CitizenQuestions.AsNoTracking()
            .Where(r => r.ParticipantId == participantId)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(ToDomain).ToList();
    }

    /// <inheritdoc />
    public async Task<CitizenQuestion> SaveAsync(CitizenQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var row = new CitizenQuestionRow
        {
            Id = question.Id,
            ParticipantId = question.ParticipantId,
            ProjectSlug = question.ProjectSlug,
            Text = question.Text,
            Language = question.Language,
            ConversationReferenceId = question.ConversationReferenceId,
            Status = question.Status.ToString(),
            Owner = question.Owner,
            AnswerText = question.AnswerText,
            AskedAt = question.AskedAt,
            UpdatedAt = question.UpdatedAt,
            AnsweredAt = question.AnsweredAt,
        };
        var etag = await Db.SaveRowAsync(row, question.ETag, Kind, question.Id, cancellationToken);
        return question with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        var deleted = await Db.CitizenQuestions.Where(r => r.Id == id && (etag == null || r.ETag == etag)).ExecuteDeleteAsync(cancellationToken);
        return await RelationalSupport.CompleteDeleteAsync(
            deleted, etag, ct => Db.CitizenQuestions.AnyAsync(r => r.Id == id, ct), Kind, id, cancellationToken);
    }

    private static CitizenQuestion ToDomain(CitizenQuestionRow row) => new()
    {
        Id = row.Id,
        ParticipantId = row.ParticipantId,
        ProjectSlug = row.ProjectSlug,
        Text = row.Text,
        Language = row.Language,
        ConversationReferenceId = row.ConversationReferenceId,
        Status = Enum.Parse<CitizenQuestionStatus>(row.Status),
        Owner = row.Owner,
        AnswerText = row.AnswerText,
        AskedAt = row.AskedAt,
        UpdatedAt = row.UpdatedAt,
        AnsweredAt = row.AnsweredAt,
        ETag = row.ETag,
    };
}
