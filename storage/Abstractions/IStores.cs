using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage;

// Conventions of every store below:
// - SaveAsync creates the item when its ETag is null (ConcurrencyConflictException if the key exists) and
//   otherwise replaces it only if the stored ETag still equals it (ConcurrencyConflictException if not).
//   It returns the item with its new ETag.
// - DeleteAsync with an ETag deletes only that version (conflict otherwise); with null it deletes whatever
//   is stored. It returns false when nothing was there.
// - Listings are ordered by id (ids are time-ordered) and paged with opaque continuation tokens.

/// <summary>Projects (with timeline, key dates, news, listeners, FAQ and results).</summary>
public interface IProjectStore
{
    /// <summary>The project with this slug, or <see langword="null"/>.</summary>
    Task<Project?> GetAsync(string slug, CancellationToken cancellationToken);

    /// <summary>Projects ordered by slug.</summary>
    Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>Creates or conditionally replaces the project.</summary>
    Task<Project> SaveAsync(Project project, CancellationToken cancellationToken);

    /// <summary>Deletes the project.</summary>
    Task<bool> DeleteAsync(string slug, string? etag, CancellationToken cancellationToken);
}

/// <summary>Consultations and their questions.</summary>
public interface IConsultationStore
{
    /// <summary>The consultation with this id, or <see langword="null"/>.</summary>
    Task<Consultation?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>A project's consultations, ordered by id.</summary>
    Task<Page<Consultation>> ListByProjectAsync(string projectSlug, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Creates or conditionally replaces the consultation.</summary>
    Task<Consultation> SaveAsync(Consultation consultation, CancellationToken cancellationToken);

    /// <summary>Deletes the consultation.</summary>
    Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken);
}

/// <summary>Participants with their consents and subscriptions.</summary>
public interface IParticipantStore
{
    /// <summary>The participant with this id, or <see langword="null"/>.</summary>
    Task<Participant?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The participant known by this channel identity, or <see langword="null"/>.</summary>
    Task<Participant?> FindByChannelAccountAsync(string channelId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Just the id and preferred language of the participant known by this channel identity (what every turn
    /// needs), or <see langword="null"/>. Stores may answer it more cheaply than <see cref="FindByChannelAccountAsync"/>.
    /// </summary>
    async Task<ParticipantIdentity?> FindIdentityAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        await FindByChannelAccountAsync(channelId, userId, cancellationToken) is { } participant
            ? new ParticipantIdentity(participant.Id, participant.ChannelId, participant.UserId, participant.PreferredLanguage)
            : null;

    /// <summary>Participants subscribed to a topic of a project (for proactive sends), ordered by id.</summary>
    Task<Page<Participant>> ListSubscribersAsync(string projectSlug, SubscriptionTopics topic, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Creates or conditionally replaces the participant (channel identity must be unique).</summary>
    Task<Participant> SaveAsync(Participant participant, CancellationToken cancellationToken);

    /// <summary>Deletes the participant with its consents and subscriptions.</summary>
    Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken);
}

/// <summary>Conversation references for proactive messages.</summary>
public interface IConversationReferenceStore
{
    /// <summary>The reference with this id, or <see langword="null"/>.</summary>
    Task<ConversationReferenceRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>All references of a participant, ordered by id.</summary>
    Task<IReadOnlyList<ConversationReferenceRecord>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken);

    /// <summary>
    /// All references of several participants (a page of a fan-out's audience) in a few queries, ordered by participant
    /// then id: what <see cref="ListByParticipantAsync"/> returns for each, together.
    /// </summary>
    Task<IReadOnlyList<ConversationReferenceRecord>> ListByParticipantsAsync(IReadOnlyCollection<string> participantIds, CancellationToken cancellationToken);

    /// <summary>Creates or conditionally replaces the reference.</summary>
    Task<ConversationReferenceRecord> SaveAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken);

    /// <summary>Deletes the reference.</summary>
    Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken);
}

/// <summary>Consultation responses; answers are stored one by one as they are given.</summary>
public interface IResponseStore
{
    /// <summary>The response with this id (with its answers), or <see langword="null"/>.</summary>
    Task<Response?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>A participant's response to a consultation (with its answers), or <see langword="null"/>.</summary>
    Task<Response?> FindAsync(string participantId, string consultationId, CancellationToken cancellationToken);

    /// <summary>Returns the participant's response to the consultation, creating it (started now) if there is none.</summary>
    Task<Response> StartAsync(string participantId, string consultationId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one answer (replacing an earlier answer to the same question) and returns the response's new ETag.
    /// With <paramref name="expectedETag"/> the write happens only if the response is still at that version.
    /// </summary>
    Task<string> SaveAnswerAsync(string responseId, Answer answer, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Removes an answer (e.g. a question no longer shown after an edit) and returns the new ETag.</summary>
    Task<string> RemoveAnswerAsync(string responseId, string questionId, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Marks the response submitted now and returns it.</summary>
    Task<Response> SubmitAsync(string responseId, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>A consultation's responses (with answers), ordered by id.</summary>
    Task<Page<Response>> ListByConsultationAsync(string consultationId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Deletes the response and its answers.</summary>
    Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken);

    /// <summary>Every response of a participant (with answers), for erasure and export.</summary>
    Task<IReadOnlyList<Response>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken);

    /// <summary>
    /// The submitted responses of these participants to these consultations (who, which, when — no answers), read at
    /// once for a batch of notifications rather than per recipient. Responses started but not submitted are left out.
    /// </summary>
    Task<IReadOnlyList<ResponseSubmission>> ListSubmissionsAsync(
        IReadOnlyCollection<string> participantIds, IReadOnlyCollection<string> consultationIds, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the response with its anonymous copy (<see cref="ResponseAnonymizer.Anonymize"/>: untraceable id and
    /// participant, no free-text answers, times reduced to the day) and returns the copy, or <see langword="null"/> when
    /// there is no such response. Idempotent.
    /// </summary>
    Task<Response?> AnonymizeAsync(string responseId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a response exactly as given (id, participant, consultation, times, answers; the ETag is new) — for
    /// copying a store into another (<c>StorageMigration</c>). When a response with this id exists it is returned
    /// unchanged; another response of the same participant and consultation is a <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    Task<Response> ImportAsync(Response response, CancellationToken cancellationToken);
}

/// <summary>Questions citizens ask staff.</summary>
public interface ICitizenQuestionStore
{
    /// <summary>The question with this id, or <see langword="null"/>.</summary>
    Task<CitizenQuestion?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Questions, optionally of one status, oldest first.</summary>
    Task<Page<CitizenQuestion>> ListAsync(CitizenQuestionStatus? status, PageRequest page, CancellationToken cancellationToken);

    /// <summary>A participant's questions, oldest first.</summary>
    Task<IReadOnlyList<CitizenQuestion>> ListByParticipantAsync(string participantId, CancellationToken cancellationToken);

    /// <summary>Creates or conditionally replaces the question.</summary>
    Task<CitizenQuestion> SaveAsync(CitizenQuestion question, CancellationToken cancellationToken);

    /// <summary>Deletes the question.</summary>
    Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken);
}

/// <summary>Notifications and their per-recipient deliveries (the proactive outbox).</summary>
public interface INotificationStore
{
    /// <summary>The notification with this id, or <see langword="null"/>.</summary>
    Task<Notification?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>A project's notifications, oldest first.</summary>
    Task<Page<Notification>> ListByProjectAsync(string projectSlug, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Creates or conditionally replaces the notification.</summary>
    Task<Notification> SaveAsync(Notification notification, CancellationToken cancellationToken);

    /// <summary>Deletes the notification and its deliveries.</summary>
    Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken);

    /// <summary>
    /// Adds deliveries, skipping any whose idempotency key already exists (so re-running fan-out is safe).
    /// Returns how many were added.
    /// </summary>
    Task<int> AddDeliveriesAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken);

    /// <summary>The delivery with this id, or <see langword="null"/>.</summary>
    Task<Delivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken);

    /// <summary>The delivery with this idempotency key, or <see langword="null"/>.</summary>
    Task<Delivery?> FindDeliveryByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Conditionally replaces a delivery (its ETag must be set).</summary>
    Task<Delivery> SaveDeliveryAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>A notification's deliveries, ordered by id.</summary>
    Task<Page<Delivery>> ListDeliveriesAsync(string notificationId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Every delivery to a participant, for erasure and export.</summary>
    Task<IReadOnlyList<Delivery>> ListDeliveriesByParticipantAsync(string participantId, CancellationToken cancellationToken);

    /// <summary>Deletes one delivery; false when it did not exist.</summary>
    Task<bool> DeleteDeliveryAsync(string id, CancellationToken cancellationToken);

    // ------------------------------------------------------------ the dispatcher's outbox operations

    /// <summary>
    /// Atomically leases up to <paramref name="max"/> due deliveries of <see cref="NotificationStatus.Queued"/>
    /// notifications to <paramref name="owner"/>: <see cref="DeliveryStatus.Pending"/> ones whose
    /// <see cref="Delivery.NextAttemptAt"/> is empty or at most <paramref name="now"/>, and
    /// <see cref="DeliveryStatus.Sending"/> ones whose lease expired (a crashed or stuck dispatcher). They become
    /// <see cref="DeliveryStatus.Sending"/> with <see cref="Delivery.LeaseOwner"/> = owner until
    /// now + <paramref name="leaseDuration"/>. Two claimers on one database never get the same delivery while its
    /// lease runs. Deliveries of <see cref="NotificationStatus.Cancelling"/> notifications (withdrawn by staff) come
    /// first, Pending ones whatever their next attempt and Sending ones whose lease expired, so that the dispatcher
    /// marks them withdrawn at once. Returns the leased deliveries with their new ETags.
    /// </summary>
    Task<IReadOnlyList<Delivery>> ClaimDueDeliveriesAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcomes of deliveries <paramref name="owner"/> leased: each item is the delivery as claimed (same
    /// id and ETag) with its new <see cref="Delivery.Status"/> (Sent, Failed, Skipped, or Pending to retry/defer at
    /// <see cref="Delivery.NextAttemptAt"/>), <see cref="Delivery.Attempts"/>, <see cref="Delivery.LastError"/>,
    /// <see cref="Delivery.SentAt"/> and <see cref="Delivery.UpdatedAt"/>. The lease is cleared. An outcome is written
    /// only if the delivery is still leased by <paramref name="owner"/> (its lease did not expire and pass to another
    /// dispatcher). Returns how many outcomes were written.
    /// </summary>
    Task<int> CompleteDeliveriesAsync(string owner, IReadOnlyCollection<Delivery> outcomes, CancellationToken cancellationToken);

    /// <summary>Gives back every lease <paramref name="owner"/> holds (graceful shutdown): those deliveries become Pending again. Returns how many.</summary>
    Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken);

    /// <summary>How a notification's deliveries stand (for staff progress and the final report).</summary>
    Task<DeliveryProgress> GetDeliveryProgressAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>
    /// The participants (with their subscriptions) and conversation references <paramref name="deliveries"/> go to,
    /// read for the whole batch in a few queries instead of two reads per delivery (the dispatcher calls it once per
    /// claim). Each is what <see cref="IParticipantStore.GetAsync"/> and <see cref="IConversationReferenceStore.GetAsync"/>
    /// would return; erased participants and deleted references are absent.
    /// </summary>
    Task<DeliveryRecipients> GetRecipientsAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// For each participant, how many deliveries were sent to them since <paramref name="since"/>, not counting
    /// <see cref="NotificationKind.FinalResults"/> (the frequency cap). Participants with none are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> CountCappedSendsSinceAsync(IReadOnlyCollection<string> participantIds, DateTimeOffset since, CancellationToken cancellationToken);
}
