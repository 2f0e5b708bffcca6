using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.Consultations;

/// <summary>
/// Takes the participant's requests about their data and messages before anything else, wherever the conversation
/// is (also in the middle of a question, or of another feature's question): "stop" / "arrêt" / "unsubscribe" /
/// "désabonner", "start" / "abonner" after a stop, "delete my data" / "supprimer mes données", "I withdraw my
/// consent" / "je retire mon consentement", and the SMS keywords (STOP, ARRET, START…). When done, the pending
/// consultation question is asked again.
/// </summary>
public sealed class ParticipantRequestsFeature(ParticipantRequests requests, ConsultationDialog consultation) : IDialogFeature
{
    /// <inheritdoc />
    public string Name => ParticipantRequests.FeatureName;

    /// <summary>Before the staff commands (100): a citizen's stop or erasure request always wins.</summary>
    public int Order => 50;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.IsIn(Name))
        {
            return await FinishAsync(turn, await requests.ContinueAsync(turn, cancellationToken), cancellationToken);
        }

        var text = turn.Input.AnswerText;
        var sms = Commands.SmsKeyword(turn.Input.Sender.ChannelId, text);
        if (sms != GlobalCommand.None)
        {
            return await FinishAsync(turn, await requests.BeginAsync(turn, sms, sms: true, cancellationToken), cancellationToken);
        }

        var command = Commands.Detect(text);
        if (command is GlobalCommand.Stop or GlobalCommand.Subscribe or GlobalCommand.Delete or GlobalCommand.Withdraw)
        {
            return await FinishAsync(turn, await requests.BeginAsync(turn, command, sms: false, cancellationToken), cancellationToken);
        }

        if (turn.State.Stage == DialogStage.Idle && Commands.IsStart(text))
        {
            // "start" after a stop gives back the subscriptions; the consultation runner then starts as usual.
            await requests.ResubscribeIfOptedOutAsync(turn, cancellationToken);
        }

        return false;
    }

    private async Task<bool> FinishAsync(DialogTurn turn, RequestOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case RequestOutcome.Done:
                await consultation.ResumeAsync(turn, cancellationToken);
                return true;
            case RequestOutcome.NotHandled:
                return false;
            default:
                return true;
        }
    }
}
