using EngagementBot.Dialogs.Notifications;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// The personal message of a notification, in the recipient's language (written by <see cref="PersonalMessage"/>):
/// for results and interim reports, a participant who submitted a response to one of the project's consultations reads
/// "you took part in X on &lt;date&gt;; here is what came out" ("you said, we did"). For a batch of deliveries the
/// dispatcher asks <see cref="PrepareAsync"/> first: the participations of the whole batch are then read at once
/// (<see cref="IResponseStore.ListSubmissionsAsync"/>) instead of once per recipient.
/// </summary>
public sealed class PersonalNotificationComposer(IResponseStore responses, IConsultationStore consultations, IProjectStore projects, PublishingContentCache cache) : INotificationComposer
{
    /// <inheritdoc />
    public async Task<ComposedNotification> ComposeAsync(Notification notification, Participant recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var project = await ProjectAsync(notification.ProjectSlug, cancellationToken);
        var participation = IsPersonal(notification) ? await ParticipationAsync(notification.ProjectSlug, recipient.Id, cancellationToken) : null;
        return PersonalMessage.Write(notification, recipient, project, participation);
    }

    /// <inheritdoc />
    /// <remarks>Results and interim reports mention the recipient's own participation; news and reminders depend on the language only.</remarks>
    public bool IsPersonal(Notification notification) => MentionsParticipation(notification);

    /// <inheritdoc />
    /// <remarks>
    /// For the results and interim reports of the batch: their projects, the projects' consultations, and one read of
    /// the recipients' submissions to them. The composer returned holds only that data.
    /// </remarks>
    public async Task<INotificationComposer?> PrepareAsync(
        IReadOnlyCollection<Notification> notifications, IReadOnlyCollection<Participant> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(recipients);
        var slugs = notifications.Where(MentionsParticipation).Select(n => n.ProjectSlug).Distinct(StringComparer.Ordinal).ToList();
        if (slugs.Count == 0)
        {
            return null;
        }

        var projectsBySlug = new Dictionary<string, Project?>(StringComparer.Ordinal);
        var consultationsById = new Dictionary<string, Consultation>(StringComparer.Ordinal);
        foreach (var slug in slugs)
        {
            projectsBySlug[slug] = await ProjectAsync(slug, cancellationToken);
            var page = PageRequest.First(PageRequest.MaxPageSize);
            do
            {
                var found = await consultations.ListByProjectAsync(slug, page, cancellationToken);
                foreach (var consultation in found.Items)
                {
                    consultationsById[consultation.Id] = consultation;
                }

                page = found.ContinuationToken is { } token ? page with { ContinuationToken = token } : null;
            }
            while (page is not null);
        }

        var submissions = await responses.ListSubmissionsAsync(recipients.Select(r => r.Id).ToList(), consultationsById.Keys, cancellationToken);
        var latest = new Dictionary<(string ProjectSlug, string ParticipantId), Participation>();
        foreach (var submission in submissions)
        {
            var consultation = consultationsById[submission.ConsultationId];
            var key = (consultation.ProjectSlug, submission.ParticipantId);
            if (!latest.TryGetValue(key, out var known) || known.SubmittedAt < submission.SubmittedAt)
            {
                latest[key] = new Participation(consultation, submission.SubmittedAt);
            }
        }

        return new PreparedNotificationComposer(projectsBySlug, latest);
    }

    /// <summary>The recipient's latest submitted response to a consultation of the project, if any.</summary>
    private async Task<Participation?> ParticipationAsync(string projectSlug, string participantId, CancellationToken cancellationToken)
    {
        Participation? latest = null;
        foreach (var response in await responses.ListByParticipantAsync(participantId, cancellationToken))
        {
            if (response.SubmittedAt is not { } submittedAt || (latest is { } found && found.SubmittedAt >= submittedAt))
            {
                continue;
            }

            if (await ConsultationAsync(response.ConsultationId, cancellationToken) is { } consultation && consultation.ProjectSlug == projectSlug)
            {
                latest = new Participation(consultation, submittedAt);
            }
        }

        return latest;
    }

    /// <summary>Results and interim reports mention the recipient's own participation.</summary>
    private static bool MentionsParticipation(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.Kind is NotificationKind.FinalResults or NotificationKind.InterimReport;
    }

    private Task<Project?> ProjectAsync(string slug, CancellationToken cancellationToken) =>
        cache.ProjectAsync(slug, () => projects.GetAsync(slug, cancellationToken));

    private Task<Consultation?> ConsultationAsync(string id, CancellationToken cancellationToken) =>
        cache.ConsultationAsync(id, () => consultations.GetAsync(id, cancellationToken));

    /// <summary>
    /// The personal messages of one batch, from what <see cref="PrepareAsync"/> read: no store access, safe to share
    /// between the dispatcher's workers.
    /// </summary>
    private sealed class PreparedNotificationComposer(
        IReadOnlyDictionary<string, Project?> projects,
        IReadOnlyDictionary<(string ProjectSlug, string ParticipantId), Participation> participations) : INotificationComposer
    {
        public Task<ComposedNotification> ComposeAsync(Notification notification, Participant recipient, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(notification);
            ArgumentNullException.ThrowIfNull(recipient);
            if (!projects.TryGetValue(notification.ProjectSlug, out var project))
            {
                throw new InvalidOperationException($"Notification {notification.Id} was not part of the prepared batch.");
            }

            var participation = participations.GetValueOrDefault((notification.ProjectSlug, recipient.Id));
            return Task.FromResult(PersonalMessage.Write(notification, recipient, project, participation));
        }

        public bool IsPersonal(Notification notification) => MentionsParticipation(notification);
    }
}

/// <summary>That a participant took part in a consultation (their latest submitted response to the project).</summary>
/// <param name="Consultation">The consultation they answered.</param>
/// <param name="SubmittedAt">When they submitted.</param>
public sealed record Participation(Consultation Consultation, DateTimeOffset SubmittedAt);
