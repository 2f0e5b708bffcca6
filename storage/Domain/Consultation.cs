namespace EngagementBot.Storage.Domain;

/// <summary>A questionnaire citizens answer, attached to a project. Authored as content ("consultations are data").</summary>
public sealed record Consultation
{
    /// <summary>Unique identifier, e.g. <c>berges-2026</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Slug of the project it belongs to.</summary>
    public required string ProjectSlug { get; init; }

    /// <summary>Public title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Optional introduction shown before the first question.</summary>
    public LocalizedText? Introduction { get; init; }

    /// <summary>First instant answers are accepted.</summary>
    public required DateTimeOffset OpensAt { get; init; }

    /// <summary>Instant after which answers are no longer accepted.</summary>
    public required DateTimeOffset ClosesAt { get; init; }

    /// <summary>The consent citizens give before answering (versioned).</summary>
    public required ConsentText Consent { get; init; }

    /// <summary>Questions in the order they are asked.</summary>
    public required IReadOnlyList<Question> Questions { get; init; }

    /// <summary>Optimistic-concurrency tag; <see langword="null"/> for a consultation never saved.</summary>
    public string? ETag { get; init; }

    /// <summary>Whether answers are accepted at <paramref name="now"/>.</summary>
    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;

    /// <summary>The question with this id, or <see langword="null"/>.</summary>
    public Question? FindQuestion(string questionId) =>
        Questions.FirstOrDefault(q => string.Equals(q.Id, questionId, StringComparison.Ordinal));
}

/// <summary>A versioned consent text: a participant's consent record names the version they accepted.</summary>
public sealed record ConsentText
{
    /// <summary>Version label; changes whenever the text changes.</summary>
    public required string Version { get; init; }

    /// <summary>The text.</summary>
    public required LocalizedText Text { get; init; }

    /// <summary>Link to the full privacy notice.</summary>
    public Uri? Link { get; init; }

    /// <summary>Whether answers may be kept as anonymous aggregates after a participant's erasure.</summary>
    public bool KeepAnonymousAggregates { get; init; }
}
