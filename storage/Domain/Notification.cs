namespace EngagementBot.Storage.Domain;

/// <summary>Where a notification stands.</summary>
public enum NotificationStatus
{
    /// <summary>Being written.</summary>
    Draft,

    /// <summary>Published; deliveries are being created or sent.</summary>
    Queued,

    /// <summary>Every delivery reached a final state.</summary>
    Completed,

    /// <summary>
    /// Withdrawn by staff while deliveries were still to send: the dispatcher sends none of them any more and marks
    /// each <see cref="DeliveryStatus.Skipped"/> (<see cref="DeliveryReasons.Withdrawn"/>); then it becomes
    /// <see cref="Cancelled"/>.
    /// </summary>
    Cancelling,

    /// <summary>Withdrawn before completion (a draft discarded, or a publication whose unsent deliveries were all withdrawn).</summary>
    Cancelled,
}

/// <summary>What a notification announces (decides the audience, the wording and the frequency cap).</summary>
public enum NotificationKind
{
    /// <summary>A news item (topic <see cref="SubscriptionTopics.News"/>; counts towards the frequency cap).</summary>
    News,

    /// <summary>An interim report (topic <see cref="SubscriptionTopics.Results"/>; counts towards the frequency cap).</summary>
    InterimReport,

    /// <summary>Final results (topic <see cref="SubscriptionTopics.Results"/>; bypasses the frequency cap, not quiet hours).</summary>
    FinalResults,

    /// <summary>A reminder of a key date (topic <see cref="SubscriptionTopics.Events"/>).</summary>
    EventReminder,
}

/// <summary>A proactive message staff publish to a project's subscribers (news, results, event).</summary>
public sealed record Notification
{
    /// <summary>Internal identifier (time-ordered).</summary>
    public required string Id { get; init; }

    /// <summary>The project.</summary>
    public required string ProjectSlug { get; init; }

    /// <summary>The topic subscribers opted into (exactly one flag).</summary>
    public required SubscriptionTopics Topic { get; init; }

    /// <summary>What it announces.</summary>
    public NotificationKind Kind { get; init; } = NotificationKind.News;

    /// <summary>Headline.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Body.</summary>
    public required LocalizedText Body { get; init; }

    /// <summary>Optional link.</summary>
    public Uri? Link { get; init; }

    /// <summary>Who published it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Where it stands.</summary>
    public NotificationStatus Status { get; init; } = NotificationStatus.Draft;

    /// <summary>Optimistic-concurrency tag; <see langword="null"/> for a notification never saved.</summary>
    public string? ETag { get; init; }
}

/// <summary>Where one recipient's delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting to be sent (or retried after <see cref="Delivery.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Leased by a dispatcher that is sending it.</summary>
    Sending,

    /// <summary>The channel accepted it.</summary>
    Sent,

    /// <summary>Gave up after retries.</summary>
    Failed,

    /// <summary>Not sent: the recipient is unreachable or unsubscribed.</summary>
    Skipped,
}

/// <summary>A notification's delivery to one conversation; the outbox row of the proactive dispatcher.</summary>
public sealed record Delivery
{
    /// <summary>Internal identifier (time-ordered).</summary>
    public required string Id { get; init; }

    /// <summary>The notification delivered.</summary>
    public required string NotificationId { get; init; }

    /// <summary>The recipient.</summary>
    public required string ParticipantId { get; init; }

    /// <summary>The conversation to send into.</summary>
    public required string ConversationReferenceId { get; init; }

    /// <summary>Unique key that makes creating and sending the delivery idempotent (e.g. notification + reference).</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Where it stands.</summary>
    public DeliveryStatus Status { get; init; } = DeliveryStatus.Pending;

    /// <summary>Send attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Earliest time of the next attempt (back-off), if any.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The dispatcher instance that holds the lease, if leased.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When the lease ends; after it another dispatcher may take the delivery.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>Short reason of the last failure (no message text, no PII).</summary>
    public string? LastError { get; init; }

    /// <summary>When the channel accepted it.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Optimistic-concurrency tag; <see langword="null"/> for a delivery never saved.</summary>
    public string? ETag { get; init; }
}

/// <summary>How a notification's deliveries stand.</summary>
/// <param name="Pending">Waiting to be sent (including retries and deliveries deferred by quiet hours).</param>
/// <param name="Sending">Leased by a dispatcher right now.</param>
/// <param name="Sent">Accepted by the channel.</param>
/// <param name="Failed">Given up after retries, or a permanent error.</param>
/// <param name="Skipped">Not sent (unreachable, unsubscribed, erased, frequency cap).</param>
/// <param name="Unreachable">Of <paramref name="Skipped"/>: recipients who blocked or removed the bot.</param>
/// <param name="Withdrawn">Of <paramref name="Skipped"/>: not sent because staff withdrew the notification.</param>
public sealed record DeliveryProgress(int Pending, int Sending, int Sent, int Failed, int Skipped, int Unreachable, int Withdrawn = 0)
{
    /// <summary>Every delivery.</summary>
    public int Total => Pending + Sending + Sent + Failed + Skipped;

    /// <summary>True when every delivery reached a final state.</summary>
    public bool IsComplete => Pending == 0 && Sending == 0;
}

/// <summary>
/// Who a batch of claimed deliveries goes to, read for the whole batch at once
/// (<see cref="INotificationStore.GetRecipientsAsync"/>): participants with their subscriptions, by participant id, and
/// conversation references, by reference id. An erased participant or a deleted reference is absent.
/// </summary>
/// <param name="Participants">The deliveries' participants that still exist, by id.</param>
/// <param name="References">The deliveries' conversation references that still exist, by id.</param>
public sealed record DeliveryRecipients(
    IReadOnlyDictionary<string, Participant> Participants,
    IReadOnlyDictionary<string, ConversationReferenceRecord> References);

/// <summary>The short reasons the dispatcher records in <see cref="Delivery.LastError"/> (no PII).</summary>
public static class DeliveryReasons
{
    /// <summary>The recipient blocked or removed the bot (403/404 with an unreachable code).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The stored conversation reference no longer exists.</summary>
    public const string UnknownConversation = "unknown-conversation";

    /// <summary>The participant's data was erased.</summary>
    public const string Erased = "erased";

    /// <summary>The participant unsubscribed from the project's topic.</summary>
    public const string Unsubscribed = "unsubscribed";

    /// <summary>The participant already received the weekly maximum of non-results messages.</summary>
    public const string FrequencyCap = "frequency-cap";

    /// <summary>Deferred to the end of the participant's quiet hours.</summary>
    public const string QuietHours = "quiet-hours";

    /// <summary>Not sent: staff withdrew the notification first.</summary>
    public const string Withdrawn = "withdrawn";
}
