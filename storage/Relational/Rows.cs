namespace EngagementBot.Storage.Relational;

// Persistence rows: the relational shape of the domain records. Content aggregates (projects,
// consultations) keep their nested parts as one JSON document next to the columns we query by;
// everything that is queried, appended to on the hot path or erased per participant has its own columns.
// All timestamps are UTC ticks (bigint) in both providers (see EngagementDbContext.ConfigureConventions).

/// <summary>A row with an optimistic-concurrency tag.</summary>
internal interface IETagRow
{
    string ETag { get; set; }
}

internal sealed class ProjectRow : IETagRow
{
    public string Slug { get; set; } = "";
    public string Document { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string ETag { get; set; } = "";
}

internal sealed class ConsultationRow : IETagRow
{
    public string Id { get; set; } = "";
    public string ProjectSlug { get; set; } = "";
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public string Document { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string ETag { get; set; } = "";
}

internal sealed class ParticipantRow : IETagRow
{
    public string Id { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string? AadObjectId { get; set; }
    public string? PreferredLanguage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Consents { get; set; } = "[]";
    public string ETag { get; set; } = "";
}

internal sealed class SubscriptionRow
{
    public string ParticipantId { get; set; } = "";
    public string ProjectSlug { get; set; } = "";
    public string Topic { get; set; } = "";
}

internal sealed class ConversationReferenceRow : IETagRow
{
    public string Id { get; set; } = "";
    public string ParticipantId { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string UserId { get; set; } = "";
    public string? AadObjectId { get; set; }
    public string BotId { get; set; } = "";
    public string? Locale { get; set; }
    public DateTimeOffset LastConfirmedAt { get; set; }
    public string Reachability { get; set; } = "";
    public string ETag { get; set; } = "";

    // Added by schema version 4 (004_conversation_reference_client): last column, as ALTER/rebuild leaves it.
    public string? Client { get; set; }

    // Added by schema version 5 (005_conversation_reference_time_zone).
    public string? TimeZone { get; set; }
}

internal sealed class ResponseRow : IETagRow
{
    public string Id { get; set; } = "";
    public string ParticipantId { get; set; } = "";
    public string ConsultationId { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string ETag { get; set; } = "";
}

internal sealed class AnswerRow
{
    public string ResponseId { get; set; } = "";
    public string QuestionId { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset AnsweredAt { get; set; }
}

internal sealed class CitizenQuestionRow : IETagRow
{
    public string Id { get; set; } = "";
    public string ParticipantId { get; set; } = "";
    public string? ProjectSlug { get; set; }
    public string Text { get; set; } = "";
    public string Language { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Owner { get; set; }
    public string? AnswerText { get; set; }
    public DateTimeOffset AskedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string ETag { get; set; } = "";

    // Added by schema version 3 (003_citizen_question_reference): last column, as ALTER/rebuild leaves it.
    public string? ConversationReferenceId { get; set; }
}

internal sealed class NotificationRow : IETagRow
{
    public string Id { get; set; } = "";
    public string ProjectSlug { get; set; } = "";
    public string Topic { get; set; } = "";
    public string TitleFr { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string BodyFr { get; set; } = "";
    public string BodyEn { get; set; } = "";
    public string? Link { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string Status { get; set; } = "";
    public string ETag { get; set; } = "";
    public string Kind { get; set; } = "News";
}

internal sealed class DeliveryRow : IETagRow
{
    public string Id { get; set; } = "";
    public string NotificationId { get; set; } = "";
    public string ParticipantId { get; set; } = "";
    public string ConversationReferenceId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string Status { get; set; } = "";
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string ETag { get; set; } = "";
}

internal sealed class StateRow
{
    public string StateKey { get; set; } = "";
    public string Document { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string ETag { get; set; } = "";
}
