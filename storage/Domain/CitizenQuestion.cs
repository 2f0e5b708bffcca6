namespace EngagementBot.Storage.Domain;

/// <summary>Where a citizen's question to staff stands.</summary>
public enum CitizenQuestionStatus
{
    /// <summary>Asked, nobody has picked it up.</summary>
    New,

    /// <summary>A staff member owns it.</summary>
    Assigned,

    /// <summary>Answered (the answer is sent to the citizen).</summary>
    Answered,

    /// <summary>Closed without an answer (duplicate, out of scope…).</summary>
    Closed,
}

/// <summary>A question a citizen asked staff through the bot.</summary>
public sealed record CitizenQuestion
{
    /// <summary>Internal identifier (time-ordered).</summary>
    public required string Id { get; init; }

    /// <summary>Who asked.</summary>
    public required string ParticipantId { get; init; }

    /// <summary>The project it is about, if any.</summary>
    public string? ProjectSlug { get; init; }

    /// <summary>The question as typed.</summary>
    public required string Text { get; init; }

    /// <summary>Language of the question (<c>fr</c> or <c>en</c>).</summary>
    public required string Language { get; init; }

    /// <summary>
    /// Id of the stored conversation reference (<see cref="ConversationReferenceRecord"/>) of the conversation the
    /// question was asked in, where the answer is sent; <see langword="null"/> when unknown.
    /// </summary>
    public string? ConversationReferenceId { get; init; }

    /// <summary>Where it stands.</summary>
    public CitizenQuestionStatus Status { get; init; } = CitizenQuestionStatus.New;

    /// <summary>Staff member who owns it (e.g. Entra object id or UPN).</summary>
    public string? Owner { get; init; }

    /// <summary>The answer, once given.</summary>
    public string? AnswerText { get; init; }

    /// <summary>When it was asked.</summary>
    public required DateTimeOffset AskedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was answered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Optimistic-concurrency tag; <see langword="null"/> for a question never saved.</summary>
    public string? ETag { get; init; }
}
