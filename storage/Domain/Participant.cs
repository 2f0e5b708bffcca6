namespace EngagementBot.Storage.Domain;

/// <summary>A citizen known to the bot through a channel identity.</summary>
public sealed record Participant
{
    /// <summary>Internal identifier (time-ordered, see <see cref="Ids.New"/>).</summary>
    public required string Id { get; init; }

    /// <summary>Bot Framework channel id (e.g. <c>msteams</c>, <c>webchat</c>, <c>directline</c>).</summary>
    public required string ChannelId { get; init; }

    /// <summary>The user's id on that channel.</summary>
    public required string UserId { get; init; }

    /// <summary>Microsoft Entra object id (Teams), when the channel gives it.</summary>
    public string? AadObjectId { get; init; }

    /// <summary>Preferred language (<c>fr</c> or <c>en</c>), once known.</summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>When the participant was first seen.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Consents given (and withdrawn), oldest first.</summary>
    public IReadOnlyList<ConsentRecord> Consents { get; init; } = [];

    /// <summary>What the participant wants to hear about, per project.</summary>
    public IReadOnlyList<Subscription> Subscriptions { get; init; } = [];

    /// <summary>Optimistic-concurrency tag; <see langword="null"/> for a participant never saved.</summary>
    public string? ETag { get; init; }

    /// <summary>The topics the participant follows in <paramref name="projectSlug"/> (none if not subscribed).</summary>
    public SubscriptionTopics TopicsIn(string projectSlug) =>
        Subscriptions.FirstOrDefault(s => s.ProjectSlug == projectSlug)?.Topics ?? SubscriptionTopics.None;

    /// <summary>The participant also subscribed to <paramref name="topics"/> of <paramref name="projectSlug"/> (other projects unchanged).</summary>
    public Participant SubscribedTo(string projectSlug, SubscriptionTopics topics) =>
        this with { Subscriptions = [.. Subscriptions.Where(s => s.ProjectSlug != projectSlug), new Subscription(projectSlug, TopicsIn(projectSlug) | topics)] };
}

/// <summary>Consent given to a consultation's consent text of a given version.</summary>
/// <param name="ConsultationId">The consultation.</param>
/// <param name="Version">Version of the consent text accepted.</param>
/// <param name="GivenAt">When it was given.</param>
/// <param name="WithdrawnAt">When it was withdrawn, if it was.</param>
public sealed record ConsentRecord(string ConsultationId, string Version, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt = null);

/// <summary>Topics a participant can subscribe to.</summary>
[Flags]
public enum SubscriptionTopics
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Project news.</summary>
    News = 1,

    /// <summary>Interim and final results.</summary>
    Results = 2,

    /// <summary>Key dates and events.</summary>
    Events = 4,

    /// <summary>Everything a subscription covers ("subscribe", the end of a consultation).</summary>
    All = News | Results | Events,

    /// <summary>
    /// Only the event reminders the participant asked for one by one ("remind me", the key dates are kept by the
    /// publishing reminders); not part of <see cref="All"/>. Kept as a subscription so that "stop" ends them too.
    /// </summary>
    Reminders = 8,
}

/// <summary>A participant's subscription to some topics of a project.</summary>
/// <param name="ProjectSlug">The project.</param>
/// <param name="Topics">The topics (at least one).</param>
public sealed record Subscription(string ProjectSlug, SubscriptionTopics Topics);

/// <summary>Who a participant is on their channel, and the language they chose (without consents or subscriptions).</summary>
/// <param name="Id">The participant id.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="UserId">The user's id on the channel.</param>
/// <param name="PreferredLanguage">The language they chose, if any.</param>
public sealed record ParticipantIdentity(string Id, string ChannelId, string UserId, string? PreferredLanguage);
