using EngagementBot.Dialogs.AskStaff;
using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Understanding;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>
/// Answers an idle citizen's questions about a project from its data: status, timeline, key dates (with a
/// reminder offer), news, listeners, results (with a notification offer), impact and the FAQ. With several
/// projects it asks which one and remembers the choice for the conversation (<see cref="DialogState.ProjectSlug"/>).
/// A question the FAQ cannot answer confidently is offered to staff (<see cref="AskStaffOffer"/>).
/// </summary>
public sealed class ProjectInfoFeature(
    IProjectStore projects,
    IParticipantStore participants,
    ParticipantEnrollment enrollment,
    IIntentRecognizer recognizer,
    ProjectFaqIndexes faqs,
    TimeProvider timeProvider) : IDialogFeature
{
    /// <summary>The feature's name.</summary>
    public const string FeatureName = "project-info";

    private const string ChooseProjectStep = "choose-project";
    private const string ReminderStep = "reminder";
    private const string ResultsStep = "results";
    private const string IntentKey = "intent";
    private const string TextKey = "text";
    private const string ProjectKey = "project";

    private static readonly HashSet<string> ProjectIntents = new(StringComparer.Ordinal)
    {
        Intents.ProjectStatus, Intents.ProjectTimeline, Intents.ProjectKeyDates, Intents.ProjectNews,
        Intents.ProjectListeners, Intents.ProjectResults, Intents.ProjectImpact,
    };

    /// <inheritdoc />
    public string Name => FeatureName;

    /// <inheritdoc />
    public int Order => 300;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.IsIn(FeatureName))
        {
            return await ContinueAsync(turn, cancellationToken);
        }

        if (turn.State.Stage != DialogStage.Idle)
        {
            return false;
        }

        var text = turn.Input.Text?.Trim() ?? string.Empty;
        var command = Commands.Detect(text);
        if (text.Length == 0 || (command != GlobalCommand.None && command != GlobalCommand.Status) || Commands.IsStart(text))
        {
            return false;
        }

        var intent = command == GlobalCommand.Status ? Intents.ProjectStatus : recognizer.Recognize(text).Intent;
        if (intent == Intents.Other && QuestionShape.LooksLikeQuestion(text))
        {
            intent = Intents.Faq;
        }

        if (intent == Intents.Faq)
        {
            await AnswerFromFaqAsync(turn, text, cancellationToken);
            return true;
        }

        if (!ProjectIntents.Contains(intent))
        {
            return false;
        }

        var all = await ListProjectsAsync(cancellationToken);
        if (all.Count == 0)
        {
            turn.Reply(ProjectInfoTexts.Get(ProjectInfoTexts.NoProject, turn.Language));
            return true;
        }

        var project = all.Count == 1 ? all[0] : ProjectMention.Find(text, all) ?? Remembered(turn, all);
        if (project is null)
        {
            AskWhichProject(turn, all, intent, text);
            return true;
        }

        turn.State.ProjectSlug = project.Slug;
        await AnswerAsync(turn, project, intent, cancellationToken);
        return true;
    }

    private async Task<bool> ContinueAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var text = turn.Input.AnswerText;
        if (Commands.Detect(text) != GlobalCommand.None || Commands.IsStart(text))
        {
            return false;
        }

        var data = turn.State.FeatureData ?? [];
        switch (turn.State.FeatureStep)
        {
            case ChooseProjectStep:
                var all = await ListProjectsAsync(cancellationToken);
                var picked = AnswerParser.FindOption([.. all.Select(p => new QuestionOption(p.Slug, p.Title))], text);
                var intent = data.GetValueOrDefault(IntentKey, Intents.ProjectStatus);
                if (picked is null)
                {
                    AskWhichProject(turn, all, intent, data.GetValueOrDefault(TextKey, string.Empty));
                    return true;
                }

                turn.State.LeaveFeature();
                turn.State.ProjectSlug = picked.Id;
                await AnswerAsync(turn, all.First(p => p.Slug == picked.Id), intent, cancellationToken);
                return true;
            case ReminderStep or ResultsStep:
                var step = turn.State.FeatureStep;
                var answer = AnswerParser.ParseYesNo(text);
                turn.State.LeaveFeature();
                if (answer is null)
                {
                    // Not an answer to the offer: the citizen moved on; handle the message as a new one.
                    return await TryHandleAsync(turn, cancellationToken);
                }

                var project = await projects.GetAsync(data.GetValueOrDefault(ProjectKey, string.Empty), cancellationToken);
                if (answer == false || project is null)
                {
                    turn.Reply(ProjectInfoTexts.Get(step == ReminderStep ? ProjectInfoTexts.ReminderDeclined : ProjectInfoTexts.ResultsNotifyDeclined, turn.Language));
                    return true;
                }

                await SubscribeAsync(turn, project.Slug, step == ReminderStep ? SubscriptionTopics.Events : SubscriptionTopics.Results, cancellationToken);
                turn.Reply(ProjectInfoTexts.Format(step == ReminderStep ? ProjectInfoTexts.ReminderSaved : ProjectInfoTexts.ResultsNotifySaved, turn.Language, project.Title.For(turn.Language)));
                return true;
            default:
                turn.State.LeaveFeature();
                return false;
        }
    }

    private async Task AnswerAsync(DialogTurn turn, Project project, string intent, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        switch (intent)
        {
            case Intents.ProjectTimeline:
                turn.Replies.Add(TimelineAnswer.Compose(project, language));
                break;
            case Intents.ProjectKeyDates:
                var now = timeProvider.GetUtcNow();
                turn.Reply(ProjectAnswers.KeyDates(project, now, language));
                if (ProjectAnswers.UpcomingEvents(project, now).Count > 0 && !await IsSubscribedAsync(turn, project.Slug, SubscriptionTopics.Events, cancellationToken))
                {
                    Offer(turn, ReminderStep, project, ProjectInfoTexts.OfferReminder);
                }

                break;
            case Intents.ProjectNews:
                turn.Reply(ProjectAnswers.News(project, language));
                break;
            case Intents.ProjectListeners:
                turn.Reply(ProjectAnswers.Listeners(project, language));
                break;
            case Intents.ProjectResults:
                if (ProjectAnswers.PublishedResults(project, language) is { } published)
                {
                    turn.Reply(published);
                    break;
                }

                turn.Reply(ProjectAnswers.PendingResults(project, language));
                if (await IsSubscribedAsync(turn, project.Slug, SubscriptionTopics.Results, cancellationToken))
                {
                    turn.Reply(ProjectInfoTexts.Get(ProjectInfoTexts.AlreadyNotified, language));
                }
                else
                {
                    Offer(turn, ResultsStep, project, ProjectInfoTexts.OfferResultsNotify);
                }

                break;
            case Intents.ProjectImpact:
                turn.Reply(ProjectAnswers.Impact(project, language));
                break;
            default:
                turn.Reply(StatusAnswer.Compose(project, language));
                break;
        }
    }

    private async Task AnswerFromFaqAsync(DialogTurn turn, string question, CancellationToken cancellationToken)
    {
        var all = await ListProjectsAsync(cancellationToken);
        var preferred = Remembered(turn, all) ?? (all.Count == 1 ? all[0] : null);
        if (faqs.FindAnswer(question, preferred, all) is not { } found)
        {
            AskStaffOffer.Offer(turn, question, preferred?.Slug);
            return;
        }

        turn.State.ProjectSlug = found.Project.Slug;
        var answer = turn.Language == "fr" ? found.Match.Entry.AnswerFr : found.Match.Entry.AnswerEn;
        turn.Reply(ProjectInfoTexts.Format(ProjectInfoTexts.FaqAnswer, turn.Language, answer, found.Project.Title.For(turn.Language)));
    }

    private static Project? Remembered(DialogTurn turn, IReadOnlyList<Project> all) => all.FirstOrDefault(p => p.Slug == turn.State.ProjectSlug);

    private static void AskWhichProject(DialogTurn turn, IReadOnlyList<Project> all, string intent, string text)
    {
        turn.State.EnterFeature(FeatureName, ChooseProjectStep, new Dictionary<string, string> { [IntentKey] = intent, [TextKey] = text });
        turn.Prompt(FeaturePrompts.Choice(
            ProjectInfoTexts.Get(ProjectInfoTexts.PickProject, turn.Language),
            [.. all.Select(p => new PromptChoice(p.Slug, p.Title.For(turn.Language)))],
            turn.Language));
    }

    private static void Offer(DialogTurn turn, string step, Project project, string textKey)
    {
        turn.State.EnterFeature(FeatureName, step, new Dictionary<string, string> { [ProjectKey] = project.Slug });
        turn.Prompt(FeaturePrompts.YesNo(ProjectInfoTexts.Get(textKey, turn.Language), turn.Language));
    }

    private async Task<bool> IsSubscribedAsync(DialogTurn turn, string slug, SubscriptionTopics topic, CancellationToken cancellationToken) =>
        await participants.GetAsync(turn.Input.ParticipantId, cancellationToken) is { } participant
        && participant.Subscriptions.Any(s => s.ProjectSlug == slug && s.Topics.HasFlag(topic));

    private async Task SubscribeAsync(DialogTurn turn, string slug, SubscriptionTopics topic, CancellationToken cancellationToken)
    {
        var participant = await enrollment.EnsureStoredAsync(turn, cancellationToken);
        await participants.SaveAsync(participant.SubscribedTo(slug, topic), cancellationToken);
    }

    private async Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken) =>
        (await projects.ListAsync(PageRequest.First(), cancellationToken)).Items;
}
