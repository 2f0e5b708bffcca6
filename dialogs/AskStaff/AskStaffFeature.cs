using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.ProjectInfo;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>
/// The citizen's side of the ask-staff loop: a citizen who asks for a person is invited to type the question;
/// an offered question (<see cref="AskStaffOffer"/>) is stored on yes as a <see cref="CitizenQuestion"/> in the
/// citizen's language, and the citizen is told who will answer and by when.
/// </summary>
public sealed class AskStaffFeature(
    ICitizenQuestionStore questions,
    IProjectStore projects,
    ParticipantEnrollment enrollment,
    IOptions<AskStaffOptions> options,
    TimeProvider timeProvider) : IDialogFeature
{
    /// <summary>The feature's name.</summary>
    public const string FeatureName = "ask-staff";

    /// <summary>Waiting for yes or no to the offer.</summary>
    public const string ConfirmStep = "confirm";

    /// <summary>Waiting for the question itself (after a request for a person).</summary>
    public const string QuestionStep = "question";

    private const int MaxQuestionLength = 2000;

    /// <inheritdoc />
    public string Name => FeatureName;

    /// <inheritdoc />
    public int Order => 200;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.IsIn(FeatureName))
        {
            return await ContinueAsync(turn, cancellationToken);
        }

        if (turn.State.Stage == DialogStage.Idle && PersonRequest.Matches(turn.Input.Text))
        {
            turn.State.EnterFeature(FeatureName, QuestionStep);
            turn.Reply(AskStaffTexts.Get(AskStaffTexts.AskWhatQuestion, turn.Language));
            return true;
        }

        return false;
    }

    private async Task<bool> ContinueAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var text = turn.Input.AnswerText;
        if (Commands.Detect(text) != GlobalCommand.None)
        {
            return false;
        }

        var data = turn.State.FeatureData ?? [];
        if (turn.State.FeatureStep == QuestionStep)
        {
            if (text.Length < 3)
            {
                turn.Reply(AskStaffTexts.Get(AskStaffTexts.QuestionTooShort, turn.Language));
                return true;
            }

            turn.State.LeaveFeature();
            await StoreAsync(turn, text, turn.State.ProjectSlug, cancellationToken);
            return true;
        }

        var answer = AnswerParser.ParseYesNo(text);
        turn.State.LeaveFeature();
        switch (answer)
        {
            case true when data.TryGetValue(AskStaffOffer.QuestionKey, out var question):
                await StoreAsync(turn, question, data.GetValueOrDefault(AskStaffOffer.ProjectKey), cancellationToken);
                return true;
            case false:
                turn.Reply(AskStaffTexts.Get(AskStaffTexts.QuestionNotSent, turn.Language));
                return true;
            default:
                // Not an answer to the offer: the citizen moved on; the other features and the consultation runner take the message.
                return false;
        }
    }

    private async Task StoreAsync(DialogTurn turn, string text, string? projectSlug, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var project = projectSlug is null ? await OnlyProjectAsync(cancellationToken) : await projects.GetAsync(projectSlug, cancellationToken);

        // The answer comes back later, to this conversation: the asker and the conversation reference are stored with the question.
        var participant = await enrollment.EnsureStoredAsync(turn, cancellationToken);
        await questions.SaveAsync(
            new CitizenQuestion
            {
                Id = Ids.New(now),
                ParticipantId = participant.Id,
                ProjectSlug = project?.Slug,
                Text = text.Length > MaxQuestionLength ? text[..MaxQuestionLength] : text,
                Language = turn.Language,
                ConversationReferenceId = turn.Input.ConversationReferenceId,
                AskedAt = now,
                UpdatedAt = now,
            },
            cancellationToken);
        var settings = options.Value;
        turn.Reply(AskStaffTexts.Format(
            AskStaffTexts.QuestionStored,
            turn.Language,
            Responder.Describe(project, settings.ResponderListenerId, turn.Language),
            LocalTimes.DateTime(now + settings.ResponseTimeTarget, turn.Language)));
    }

    private async Task<Project?> OnlyProjectAsync(CancellationToken cancellationToken)
    {
        var page = await projects.ListAsync(PageRequest.First(2), cancellationToken);
        return page.Items.Count == 1 ? page.Items[0] : null;
    }
}
