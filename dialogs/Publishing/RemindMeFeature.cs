using System.Globalization;
using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.ProjectInfo;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// A citizen asks to be reminded of an event: "remind me" / "rappelle-moi" lists the upcoming key dates (or takes the
/// only one), the citizen picks one, and the opt-in is stored (<see cref="ReminderOptIns"/>); the event reminder worker
/// sends the reminder with the registration link before the date.
/// </summary>
public sealed class RemindMeFeature(
    IProjectStore projects, IParticipantStore participants, ReminderOptIns optIns, ParticipantEnrollment enrollment, TimeProvider timeProvider) : IDialogFeature
{
    private const string PickStep = "pick";
    private static readonly string[] Triggers = ["remind me", "rappelle-moi", "rappelez-moi", "rappelle moi", "rappelez moi"];

    /// <inheritdoc />
    public string Name => "remind-me";

    /// <inheritdoc />
    public int Order => 200;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = TextMatching.Normalize(turn.Input.AnswerText);
        if (Triggers.Contains(text))
        {
            await OfferAsync(turn, cancellationToken);
            return true;
        }

        if (!turn.State.IsIn(Name))
        {
            return false;
        }

        var data = turn.State.FeatureData ?? [];
        var picked = data.Values.Contains(text, StringComparer.Ordinal) ? text
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && data.TryGetValue((number - 1).ToString(CultureInfo.InvariantCulture), out var byNumber) ? byNumber
            : null;
        var upcoming = await UpcomingAsync(cancellationToken);

        // The event's name, or a word of it ("la marche"), as for any typed choice.
        picked ??= text.Length == 0 ? null : AnswerParser.FindOption(
            [.. upcoming.Where(u => data.ContainsValue(Value(u.Project, u.KeyDate))).Select(u => new QuestionOption(Value(u.Project, u.KeyDate), u.KeyDate.Title))],
            text)?.Id;
        if (picked is null)
        {
            // Not an answer to the list: let the rest of the conversation have it.
            turn.State.LeaveFeature();
            return false;
        }

        turn.State.LeaveFeature();
        if (upcoming.FirstOrDefault(u => Value(u.Project, u.KeyDate) == picked) is { Project: not null } choice)
        {
            await OptInAsync(turn, choice.Project, choice.KeyDate, cancellationToken);
        }
        else
        {
            turn.Reply(PublishingTexts.Get(PublishingTexts.RemindMeNone, turn.Language));
        }

        return true;
    }

    private async Task OfferAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        turn.State.LeaveFeature();
        var upcoming = await UpcomingAsync(cancellationToken);
        if (upcoming.Count == 0)
        {
            turn.Reply(PublishingTexts.Get(PublishingTexts.RemindMeNone, turn.Language));
            return;
        }

        if (upcoming.Count == 1)
        {
            await OptInAsync(turn, upcoming[0].Project, upcoming[0].KeyDate, cancellationToken);
            return;
        }

        var choices = upcoming.Select(u => new PromptChoice(Value(u.Project, u.KeyDate), $"{u.KeyDate.Title.For(turn.Language)} ({When(u.KeyDate, turn.Language)})")).ToList();
        var numbered = string.Join("\n", choices.Select((c, i) => $"{i + 1}. {c.Label}"));
        var question = PublishingTexts.Format(PublishingTexts.RemindMePick, turn.Language, string.Empty).Trim();
        turn.Prompt(new PromptReply
        {
            Text = question,
            Kind = PromptKind.Choice,
            Choices = choices,
            TextFallback = PublishingTexts.Format(PublishingTexts.RemindMePick, turn.Language, "\n" + numbered),
            SubmitLabel = PublishingTexts.Get(PublishingTexts.PublishConfirm, turn.Language),
        });
        turn.State.EnterFeature(Name, PickStep, choices.Select((c, i) => (Key: i.ToString(CultureInfo.InvariantCulture), c.Value)).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal));
    }

    private async Task OptInAsync(DialogTurn turn, Project project, KeyDate keyDate, CancellationToken cancellationToken)
    {
        var participant = await enrollment.EnsureStoredAsync(turn, cancellationToken);
        await optIns.AddAsync(project.Slug, keyDate.Id, participant.Id, cancellationToken);

        // The reminder is a message the participant asked for: kept as a Reminders subscription to the project, so
        // "stop" ends it like any other and the dispatcher lets it through.
        if (!participant.TopicsIn(project.Slug).HasFlag(SubscriptionTopics.Reminders))
        {
            await participants.SaveAsync(participant.SubscribedTo(project.Slug, SubscriptionTopics.Reminders), cancellationToken);
        }

        turn.Reply(PublishingTexts.Format(PublishingTexts.RemindMeDone, turn.Language, keyDate.Title.For(turn.Language), When(keyDate, turn.Language)));
    }

    private async Task<List<(Project Project, KeyDate KeyDate)>> UpcomingAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var page = await projects.ListAsync(PageRequest.First(20), cancellationToken);
        return [.. page.Items
            .SelectMany(p => p.KeyDates.Where(k => k.Start > now).Select(k => (Project: p, KeyDate: k)))
            .OrderBy(x => x.KeyDate.Start)
            .Take(10)];
    }

    private static string Value(Project project, KeyDate keyDate) => $"{project.Slug}/{keyDate.Id}";

    private static string When(KeyDate keyDate, string language) =>
        LocalTimes.DateTime(keyDate.Start, language);
}
