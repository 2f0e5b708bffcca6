using System.Text;
using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// Writes the message of a notification for one recipient, in their language (default <c>fr</c>): a heading with the
/// project, "you took part in X on &lt;date&gt;" for results and interim reports when they did, the title, the body,
/// the link, and how to stop these messages. Dates are written for fr-CA / en-CA. Reads nothing.
/// </summary>
public static class PersonalMessage
{
    /// <summary>The message of <paramref name="notification"/> for <paramref name="recipient"/>.</summary>
    /// <param name="notification">What was published.</param>
    /// <param name="recipient">Who receives it.</param>
    /// <param name="project">The notification's project (its title in the heading), or <see langword="null"/> when unknown (the slug is shown).</param>
    /// <param name="participation">The recipient's participation in the project, for results and interim reports.</param>
    public static ComposedNotification Write(Notification notification, Participant recipient, Project? project, Participation? participation)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var language = recipient.PreferredLanguage == "en" ? "en" : "fr";
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

        if (notification.Kind is NotificationKind.FinalResults or NotificationKind.InterimReport && participation is { } took)
        {
            var key = notification.Kind == NotificationKind.FinalResults ? PublishingTexts.YouTookPartResults : PublishingTexts.YouTookPartInterim;
            text.Append(PublishingTexts.Format(key, language, took.Consultation.Title.For(language), Dates.Format(Dates.LocalDate(took.SubmittedAt), language))).Append("\n\n");
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
}
