namespace EngagementBot.Storage.Domain;

/// <summary>
/// A public project citizens are consulted about: what it is, where it stands, what is coming and
/// who is listening. Authored as content and imported; mutable through staff publishing (news, results).
/// </summary>
public sealed record Project
{
    /// <summary>URL-safe unique identifier, e.g. <c>parc-des-berges</c>.</summary>
    public required string Slug { get; init; }

    /// <summary>The project's public name.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>A short public description.</summary>
    public required LocalizedText Description { get; init; }

    /// <summary>Id of the timeline phase that is under way (its status is <see cref="PhaseStatus.Current"/>).</summary>
    public string? CurrentPhaseId { get; init; }

    /// <summary>The phases of the project, in chronological order.</summary>
    public IReadOnlyList<TimelinePhase> Timeline { get; init; } = [];

    /// <summary>Public events: meetings, workshops, site visits.</summary>
    public IReadOnlyList<KeyDate> KeyDates { get; init; } = [];

    /// <summary>Published updates, newest last.</summary>
    public IReadOnlyList<NewsItem> News { get; init; } = [];

    /// <summary>The people who read and use citizens' input.</summary>
    public IReadOnlyList<Listener> Listeners { get; init; } = [];

    /// <summary>Frequently asked questions.</summary>
    public IReadOnlyList<FaqEntry> Faq { get; init; } = [];

    /// <summary>How citizens' input is used in the decision.</summary>
    public required LocalizedText HowInputIsUsed { get; init; }

    /// <summary>Interim and final results (either may be pending).</summary>
    public ProjectResults Results { get; init; } = new();

    /// <summary>Optimistic-concurrency tag; <see langword="null"/> for a project never saved.</summary>
    public string? ETag { get; init; }
}

/// <summary>Where a timeline phase stands.</summary>
public enum PhaseStatus
{
    /// <summary>Finished.</summary>
    Done,

    /// <summary>Under way now.</summary>
    Current,

    /// <summary>Not started yet.</summary>
    Upcoming,
}

/// <summary>One phase of a project's timeline.</summary>
public sealed record TimelinePhase
{
    /// <summary>Identifier unique within the project.</summary>
    public required string Id { get; init; }

    /// <summary>Name of the phase.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>What happens during the phase.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>First day of the phase.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Last day of the phase, when known.</summary>
    public DateOnly? End { get; init; }

    /// <summary>Whether the phase is done, current or upcoming.</summary>
    public required PhaseStatus Status { get; init; }
}

/// <summary>A public event of the project (meeting, workshop, walk).</summary>
public sealed record KeyDate
{
    /// <summary>Identifier unique within the project.</summary>
    public required string Id { get; init; }

    /// <summary>Name of the event.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Optional details.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>When it starts.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When it ends, when known.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Where it takes place (address / room), if in person.</summary>
    public LocalizedText? Place { get; init; }

    /// <summary>Link to join, if online.</summary>
    public Uri? OnlineLink { get; init; }

    /// <summary>Where to register, if registration is needed.</summary>
    public Uri? RegistrationLink { get; init; }

    /// <summary>Maximum number of attendees, if limited.</summary>
    public int? Capacity { get; init; }
}

/// <summary>A published update about the project.</summary>
public sealed record NewsItem
{
    /// <summary>Identifier unique within the project.</summary>
    public required string Id { get; init; }

    /// <summary>Headline.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Body text.</summary>
    public required LocalizedText Body { get; init; }

    /// <summary>When it was published.</summary>
    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>Optional link to read more.</summary>
    public Uri? Link { get; init; }
}

/// <summary>Someone who reads citizens' input and what they do with it.</summary>
public sealed record Listener
{
    /// <summary>Identifier unique within the project.</summary>
    public required string Id { get; init; }

    /// <summary>Person's (or team's) name.</summary>
    public required string Name { get; init; }

    /// <summary>Their role.</summary>
    public required LocalizedText Role { get; init; }

    /// <summary>What they do with the input.</summary>
    public required LocalizedText WhatTheyDo { get; init; }
}

/// <summary>A frequently asked question with its answer.</summary>
public sealed record FaqEntry
{
    /// <summary>Identifier unique within the project (also a topic key, e.g. <c>parking</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The question.</summary>
    public required LocalizedText Question { get; init; }

    /// <summary>The answer.</summary>
    public required LocalizedText Answer { get; init; }
}

/// <summary>Interim and final results of the consultation.</summary>
public sealed record ProjectResults
{
    /// <summary>The interim report, if published.</summary>
    public ResultReport? Interim { get; init; }

    /// <summary>The final report, if published.</summary>
    public ResultReport? Final { get; init; }

    /// <summary>When results are expected while none are published.</summary>
    public DateOnly? ExpectedOn { get; init; }

    /// <summary>Optional note shown while results are pending.</summary>
    public LocalizedText? PendingNote { get; init; }
}

/// <summary>A published results report.</summary>
public sealed record ResultReport
{
    /// <summary>Plain-language summary.</summary>
    public required LocalizedText Summary { get; init; }

    /// <summary>Link to the full report.</summary>
    public Uri? Link { get; init; }

    /// <summary>When it was published.</summary>
    public required DateTimeOffset PublishedAt { get; init; }
}
