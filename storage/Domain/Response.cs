namespace EngagementBot.Storage.Domain;

/// <summary>A participant's answers to one consultation.</summary>
public sealed record Response
{
    /// <summary>Internal identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Who answers.</summary>
    public required string ParticipantId { get; init; }

    /// <summary>The consultation answered.</summary>
    public required string ConsultationId { get; init; }

    /// <summary>When the participant started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the participant submitted, if they did.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When an answer was last given or changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The answers given so far, one per question (latest value).</summary>
    public IReadOnlyList<Answer> Answers { get; init; } = [];

    /// <summary>Optimistic-concurrency tag; changes with every answer.</summary>
    public string? ETag { get; init; }

    /// <summary>The answer to a question, or <see langword="null"/> when not answered.</summary>
    public AnswerValue? AnswerTo(string questionId) =>
        Answers.FirstOrDefault(a => string.Equals(a.QuestionId, questionId, StringComparison.Ordinal))?.Value;

    /// <summary>This response after <paramref name="answer"/> was saved (replacing an earlier answer to its question) with the store's new ETag.</summary>
    public Response WithAnswer(Answer answer, string etag)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return this with
        {
            Answers = [.. Answers.Where(a => !string.Equals(a.QuestionId, answer.QuestionId, StringComparison.Ordinal)), answer],
            UpdatedAt = answer.AnsweredAt,
            ETag = etag,
        };
    }

    /// <summary>This response after the answer to <paramref name="questionId"/> was removed, with the store's new ETag.</summary>
    public Response WithoutAnswer(string questionId, string etag, DateTimeOffset at) => this with
    {
        Answers = [.. Answers.Where(a => !string.Equals(a.QuestionId, questionId, StringComparison.Ordinal))],
        UpdatedAt = at,
        ETag = etag,
    };
}

/// <summary>One answer to one question.</summary>
/// <param name="QuestionId">The question.</param>
/// <param name="Value">The typed value.</param>
/// <param name="AnsweredAt">When it was (last) given.</param>
public sealed record Answer(string QuestionId, AnswerValue Value, DateTimeOffset AnsweredAt);

/// <summary>That a participant submitted a response to a consultation, and when (no answers: what notifications need).</summary>
/// <param name="ParticipantId">Who submitted.</param>
/// <param name="ConsultationId">The consultation answered.</param>
/// <param name="SubmittedAt">When they submitted.</param>
public sealed record ResponseSubmission(string ParticipantId, string ConsultationId, DateTimeOffset SubmittedAt);
