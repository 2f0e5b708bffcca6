using System.Text;
using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// The personal message of a notification, in the recipient's language: for results and interim reports, a participant
/// who submitted a response to one of the project's consultations reads "you took part in X on &lt;date&gt;; here is
/// what came out" ("you said, we did"); everyone else, and news and reminders, get a clean heading, title, body and
/// link. Every message ends with how to stop them. Dates are written for fr-CA / en-CA.
/// </summary>
public sealed class PersonalNotificationComposer(IResponseStore responses, IConsultationStore consultations, IProjectStore projects, PublishingContentCache cache) : INotificationComposer
{

    /// <inheritdoc />
    public async Task<ComposedNotification> ComposeAsync(Notification notification, Participant recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var language = recipient.PreferredLanguage == "en" ? "en" : "fr";
        var project = await ProjectAsync(notification.ProjectSlug, cancellationToken);
        var projectTitle = project?.Title.For(language) ?? notification.ProjectSlug;

        var text = new StringBuilder();
        var heading = notification.Kind switch
        {
            NotificationKind.InterimReport => PublishingTexts.InterimHeading,
            NotificationKind.FinalResults => PublishingTexts.ResultsHeading,
            NotificationKind.EventReminder => PublishingTexts.ReminderHeading,
            _ => PublishingTexts.NewsHeading,
        };
        text.Append("**").Append(PublishingTexts.Format(heading, language, projectTitle)).Append("**\n\n");

        if (notification.Kind is NotificationKind.FinalResults or NotificationKind.InterimReport
            && await ParticipationAsync(notification.ProjectSlug, recipient.Id, cancellationToken) is var (consultation, submittedAt))
        {
            var key = notification.Kind == NotificationKind.FinalResults ? PublishingTexts.YouTookPartResults : PublishingTexts.YouTookPartInterim;
            text.Append(PublishingTexts.Format(key, language, consultation.Title.For(language), Dates.Format(Dates.LocalDate(submittedAt), language))).Append("\n\n");
        }

        text.Append("**").Append(notification.Title.For(language)).Append("**\n\n");
        text.Append(notification.Body.For(language));
        if (notification.Link is { } link)
        {
            var linkKey = notification.Kind == NotificationKind.EventReminder ? PublishingTexts.Register : PublishingTexts.ReadMore;
            text.Append("\n\n").Append(PublishingTexts.Format(linkKey, language, link.AbsoluteUri));
        }

        text.Append("\n\n_").Append(PublishingTexts.Get(PublishingTexts.StopHint, language)).Append('_');
        return new ComposedNotification([new TextReply(text.ToString())], language);
    }

    /// <inheritdoc />
    /// <remarks>Results and interim reports mention the recipient's own participation; news and reminders depend on the language only.</remarks>
    public bool IsPersonal(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.Kind is NotificationKind.FinalResults or NotificationKind.InterimReport;
    }

    /// <summary>The recipient's latest submitted response to a consultation of the project, if any.</summary>
    private async Task<(Consultation Consultation, DateTimeOffset SubmittedAt)?> ParticipationAsync(string projectSlug, string participantId, CancellationToken cancellationToken)
    {
        (Consultation, DateTimeOffset)? latest = null;
        foreach (var response in await responses.ListByParticipantAsync(participantId, cancellationToken))
        {
            if (response.SubmittedAt is not { } submittedAt || (latest is { } found && found.Item2 >= submittedAt))
            {
                continue;
            }

            if (await ConsultationAsync(response.ConsultationId, cancellationToken) is { } consultation && consultation.ProjectSlug == projectSlug)
            {
                latest = (consultation, submittedAt);
            }
        }

        return latest;
    }

    private Task<Project?> ProjectAsync(string slug, CancellationToken cancellationToken) =>
        cache.ProjectAsync(slug, () => projects.GetAsync(slug, cancellationToken));

    private Task<Consultation?> ConsultationAsync(string id, CancellationToken cancellationToken) =>
        cache.ConsultationAsync(id, () => consultations.GetAsync(id, cancellationToken));
}
