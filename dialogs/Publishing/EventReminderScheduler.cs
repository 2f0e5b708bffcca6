using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using EngagementBot.Dialogs.ProjectInfo;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// Creates event reminders: for every key date that starts within <see cref="PublishingOptions.ReminderLeadTime"/>,
/// one <see cref="NotificationKind.EventReminder"/> notification (its id derived from the project and key date, so
/// it is created once whatever the number of instances) with the registration link, and one delivery per conversation
/// of each participant who asked for a reminder of that key date (<see cref="ReminderOptIns"/>) or follows the
/// project's events (<see cref="SubscriptionTopics.Events"/>). Idempotency key per key date and participant
/// conversation: running it again adds nothing.
/// </summary>
public sealed class EventReminderScheduler(
    IProjectStore projects,
    IParticipantStore participants,
    INotificationStore notifications,
    ReminderOptIns optIns,
    PublishingAudience audience,
    NotificationPublisher publisher,
    TimeProvider timeProvider,
    IOptions<PublishingOptions> options)
{
    /// <summary>Author recorded on reminder notifications.</summary>
    public const string Author = "event-reminders";

    /// <summary>The reminder notification id of a key date (stable).</summary>
    public static string NotificationIdFor(string projectSlug, string keyDateId) =>
        "r" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{projectSlug}\n{keyDateId}")))[..31];

    /// <summary>Creates the reminders that are due now; returns how many deliveries were added.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var added = 0;
        string? continuation = null;
        do
        {
            var page = await projects.ListAsync(new PageRequest(100, continuation), cancellationToken);
            foreach (var project in page.Items)
            {
                foreach (var keyDate in project.KeyDates.Where(k => k.Start > now && k.Start - options.Value.ReminderLeadTime <= now))
                {
                    added += await RemindAsync(project, keyDate, cancellationToken);
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return added;
    }

    private async Task<int> RemindAsync(Project project, KeyDate keyDate, CancellationToken cancellationToken)
    {
        var id = NotificationIdFor(project.Slug, keyDate.Id);
        var notification = await notifications.GetAsync(id, cancellationToken);
        if (notification is { Status: not NotificationStatus.Draft })
        {
            return 0;
        }

        if (notification is null)
        {
            if (!await HasRecipientsAsync(project.Slug, keyDate.Id, cancellationToken))
            {
                return 0;
            }

            try
            {
                notification = await publisher.CreateDraftAsync(Draft(project, keyDate), Author, id, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance created it a moment ago; its fan-out and ours write the same keys.
                notification = await notifications.GetAsync(id, cancellationToken);
                if (notification is null)
                {
                    return 0;
                }
            }
        }

        var result = await publisher.FanOutAsync(
            notification,
            RecipientsAsync(project.Slug, keyDate.Id, cancellationToken),
            (participant, reference) => $"reminder:{project.Slug}:{keyDate.Id}:{participant.Id}:{reference.Id}",
            cancellationToken);
        return result.Added;
    }

    private async Task<bool> HasRecipientsAsync(string projectSlug, string keyDateId, CancellationToken cancellationToken)
    {
        if ((await optIns.ListAsync(projectSlug, keyDateId, cancellationToken)).Count > 0)
        {
            return true;
        }

        var subscribers = await participants.ListSubscribersAsync(projectSlug, SubscriptionTopics.Events, PageRequest.First(1), cancellationToken);
        return subscribers.Items.Count > 0;
    }

    private async IAsyncEnumerable<IReadOnlyList<Participant>> RecipientsAsync(string projectSlug, string keyDateId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = new List<Participant>();
        foreach (var participantId in await optIns.ListAsync(projectSlug, keyDateId, cancellationToken))
        {
            if (await participants.GetAsync(participantId, cancellationToken) is { } participant)
            {
                page.Add(participant);
            }

            if (page.Count >= options.Value.FanOutPageSize)
            {
                yield return page;
                page = [];
            }
        }

        if (page.Count > 0)
        {
            yield return page;
        }

        await foreach (var subscribers in audience.PagesAsync(projectSlug, NotificationKind.EventReminder, cancellationToken))
        {
            yield return subscribers;
        }
    }

    private static ValidDraft Draft(Project project, KeyDate keyDate)
    {
        string Body(string language)
        {
            var when = LocalTimes.DateTime(keyDate.Start, language);
            var text = PublishingTexts.Format(PublishingTexts.ReminderBody, language, when);
            if (keyDate.Place is { } place)
            {
                text += "\n" + PublishingTexts.Format(PublishingTexts.ReminderPlace, language, place.For(language));
            }

            if (keyDate.Description is { } description)
            {
                text += "\n\n" + description.For(language);
            }

            return text;
        }

        return new ValidDraft(
            project.Slug,
            NotificationKind.EventReminder,
            keyDate.Title,
            new LocalizedText(Body("fr"), Body("en")),
            keyDate.RegistrationLink ?? keyDate.OnlineLink,
            OneLanguageOnly: false);
    }
}
