using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>What happened to a staff answer.</summary>
public enum StaffAnswerOutcome
{
    /// <summary>Sent to the citizen; the question is answered.</summary>
    Delivered,

    /// <summary>The citizen cannot be reached any more; the question is closed with the answer kept.</summary>
    Unreachable,

    /// <summary>The channel failed for now; the question stays open.</summary>
    Failed,
}

/// <summary>
/// Delivers a staff answer to the citizen proactively, in the citizen's language, into the conversation the
/// question was asked in (<see cref="CitizenQuestion.ConversationReferenceId"/>), then closes the question.
/// </summary>
public sealed partial class StaffAnswerDelivery(
    ICitizenQuestionStore questions,
    IConversationReferenceStore references,
    IProactiveMessenger messenger,
    TimeProvider timeProvider,
    ILogger<StaffAnswerDelivery> logger)
{
    /// <summary>Sends <paramref name="answer"/> to the author of <paramref name="question"/> and records the outcome.</summary>
    public async Task<StaffAnswerOutcome> DeliverAsync(CitizenQuestion question, string answer, string staffId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var reference = await TargetAsync(question, cancellationToken);
        var outcome = ProactiveSendOutcome.UnknownConversation;
        if (reference is not null)
        {
            IReadOnlyList<DialogReply> replies =
            [
                new TextReply(AskStaffTexts.Format(AskStaffTexts.AnswerIntro, question.Language, question.Text)),
                new TextReply(answer),
            ];
            try
            {
                outcome = await messenger.SendAsync(reference.Id, replies, question.Language, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDeliveryFailed(logger, question.Id, ex.GetType().Name);
                return StaffAnswerOutcome.Failed;
            }
        }

        var now = timeProvider.GetUtcNow();
        var delivered = outcome == ProactiveSendOutcome.Sent;
        await questions.SaveAsync(
            question with
            {
                Status = delivered ? CitizenQuestionStatus.Answered : CitizenQuestionStatus.Closed,
                AnswerText = answer,
                Owner = staffId,
                AnsweredAt = now,
                UpdatedAt = now,
            },
            cancellationToken);
        return delivered ? StaffAnswerOutcome.Delivered : StaffAnswerOutcome.Unreachable;
    }

    /// <summary>The conversation the question was asked in; else (older questions) the citizen's latest reachable one.</summary>
    private async Task<ConversationReferenceRecord?> TargetAsync(CitizenQuestion question, CancellationToken cancellationToken)
    {
        if (question.ConversationReferenceId is { } id && await references.GetAsync(id, cancellationToken) is { } asked)
        {
            return asked;
        }

        return (await references.ListByParticipantAsync(question.ParticipantId, cancellationToken))
            .OrderBy(r => r.Reachability == Reachability.Unreachable ? 1 : 0)
            .ThenByDescending(r => r.LastConfirmedAt)
            .FirstOrDefault();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to citizen question {QuestionId} could not be delivered now ({Error}); the question stays open")]
    private static partial void LogDeliveryFailed(ILogger logger, string questionId, string error);
}
