using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Staff;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>
/// The staff side of the ask-staff loop (every command through <see cref="StaffGate"/>): "questions" lists the
/// open questions as a card with an answer field each; "answer &lt;n|id&gt; &lt;text&gt; [+faq]" (or the card's
/// button) delivers the answer to the citizen and closes the question, optionally adding the Q&amp;A to the
/// project's FAQ. Staff conversations are remembered on every staff turn for the overdue notices.
/// </summary>
public sealed class StaffQuestionsFeature(
    StaffGate gate,
    StaffConversations staffConversations,
    Lazy<OpenQuestions> openQuestions,
    ICitizenQuestionStore questions,
    IProjectStore projects,
    Lazy<StaffAnswerDelivery> delivery,
    ParticipantEnrollment enrollment,
    IOptions<AskStaffOptions> options,
    TimeProvider timeProvider) : IDialogFeature
{
    /// <summary>The feature's name.</summary>
    public const string FeatureName = "staff-questions";

    /// <inheritdoc />
    public string Name => FeatureName;

    /// <inheritdoc />
    public int Order => 100;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Input.ConversationReferenceId is { } referenceId && gate.RoleOf(turn) >= StaffRole.Staff)
        {
            // Overdue notices reach staff in this conversation later: its reference must be stored.
            await enrollment.EnsureStoredAsync(turn, cancellationToken);
            await staffConversations.RememberAsync(referenceId, cancellationToken);
        }

        var values = turn.Input.Values;
        if (string.IsNullOrWhiteSpace(turn.Input.Text) && values is not null
            && values.TryGetValue("verb", out var verb) && verb == QuestionListCard.AnswerVerb)
        {
            if (!gate.Allows(turn, StaffRole.Staff, "answer"))
            {
                return true;
            }

            var id = values.GetValueOrDefault(QuestionListCard.QuestionIdValue, string.Empty);
            var answer = values.GetValueOrDefault(QuestionListCard.AnswerInputId(id), string.Empty).Trim();
            var addToFaq = values.GetValueOrDefault(QuestionListCard.FaqInputId(id)) is "true" or "yes";
            await AnswerAsync(turn, id, answer, addToFaq, cancellationToken);
            return true;
        }

        if (turn.State.Stage is not (DialogStage.Idle or DialogStage.Feature))
        {
            return false;
        }

        var command = StaffCommand.Parse(turn.Input.Text);
        switch (command.Kind)
        {
            case StaffCommandKind.List:
                if (gate.Allows(turn, StaffRole.Staff, "questions"))
                {
                    await ListAsync(turn, cancellationToken);
                }

                return true;
            case StaffCommandKind.Answer:
                if (gate.Allows(turn, StaffRole.Staff, "answer"))
                {
                    await AnswerAsync(turn, command.Target, command.Text ?? string.Empty, command.AddToFaq, cancellationToken);
                }

                return true;
            default:
                return false;
        }
    }

    private async Task ListAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var open = await openQuestions.Value.ListAsync(settings.MaxListed, cancellationToken);
        if (open.Count == 0)
        {
            turn.Reply(AskStaffTexts.Get(AskStaffTexts.QuestionsNone, turn.Language));
            return;
        }

        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slug in open.Select(q => q.ProjectSlug).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await projects.GetAsync(slug, cancellationToken) is { } project)
            {
                titles[slug] = project.Title.For(turn.Language);
            }
        }

        turn.Replies.Add(QuestionListCard.Compose(open, titles, timeProvider.GetUtcNow(), settings.ResponseTimeTarget, turn.Language));
    }

    private async Task AnswerAsync(DialogTurn turn, string? target, string answer, bool addToFaq, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            turn.Reply(AskStaffTexts.Get(AskStaffTexts.AnswerUsage, turn.Language));
            return;
        }

        var question = await FindAsync(target, cancellationToken);
        if (question is null)
        {
            turn.Reply(AskStaffTexts.Format(AskStaffTexts.AnswerUnknownQuestion, turn.Language, target));
            return;
        }

        if (question.Status is CitizenQuestionStatus.Answered or CitizenQuestionStatus.Closed)
        {
            turn.Reply(AskStaffTexts.Get(AskStaffTexts.AnswerAlreadyClosed, turn.Language));
            return;
        }

        if (answer.Length == 0)
        {
            turn.Reply(AskStaffTexts.Get(AskStaffTexts.AnswerEmpty, turn.Language));
            return;
        }

        var staffId = turn.Input.Sender.AadObjectId ?? $"{turn.Input.Sender.ChannelId}:{turn.Input.Sender.UserId}";
        switch (await delivery.Value.DeliverAsync(question, answer, staffId, cancellationToken))
        {
            case StaffAnswerOutcome.Failed:
                turn.Reply(AskStaffTexts.Get(AskStaffTexts.AnswerFailed, turn.Language));
                return;
            case StaffAnswerOutcome.Unreachable:
                turn.Reply(AskStaffTexts.Get(AskStaffTexts.AnswerUnreachable, turn.Language));
                break;
            default:
                turn.Reply(AskStaffTexts.Format(AskStaffTexts.AnswerDelivered, turn.Language, question.Text));
                break;
        }

        if (addToFaq)
        {
            await AddToFaqAsync(turn, question, answer, cancellationToken);
        }
    }

    private async Task<CitizenQuestion?> FindAsync(string target, CancellationToken cancellationToken)
    {
        if (int.TryParse(target, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            var open = await openQuestions.Value.ListAsync(options.Value.MaxListed, cancellationToken);
            return number >= 1 && number <= open.Count ? open[number - 1] : null;
        }

        return await questions.GetAsync(target, cancellationToken);
    }

    private async Task AddToFaqAsync(DialogTurn turn, CitizenQuestion question, string answer, CancellationToken cancellationToken)
    {
        var project = question.ProjectSlug is null ? null : await projects.GetAsync(question.ProjectSlug, cancellationToken);
        if (project is null)
        {
            turn.Reply(AskStaffTexts.Get(AskStaffTexts.AnswerNoFaqProject, turn.Language));
            return;
        }

        // The Q&A exists in the citizen's language only: both language slots carry it until staff translate it in the content.
        var entry = new FaqEntry
        {
            Id = "asked-" + question.Id,
            Question = new LocalizedText(question.Text, question.Text),
            Answer = new LocalizedText(answer, answer),
        };
        await projects.SaveAsync(project with { Faq = [.. project.Faq.Where(f => f.Id != entry.Id), entry] }, cancellationToken);
        turn.Reply(AskStaffTexts.Format(AskStaffTexts.AnswerAddedToFaq, turn.Language, project.Title.For(turn.Language)));
    }
}
