using EngagementBot.Dialogs.Consultations;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// The whole conversation: each turn goes to the first <see cref="IDialogFeature"/> that takes it, else to the
/// consultation runner, which also answers global commands and what nobody recognised.
/// </summary>
public sealed class ConversationDialog(IEnumerable<IDialogFeature> features, ConsultationDialog consultation) : IDialog
{
    private readonly IDialogFeature[] _features = [.. features.OrderBy(f => f.Order).ThenBy(f => f.Name, StringComparer.Ordinal)];

    /// <inheritdoc />
    public async Task RunAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        foreach (var feature in _features)
        {
            if (await feature.TryHandleAsync(turn, cancellationToken))
            {
                return;
            }
        }

        if (turn.State.Stage == DialogStage.Feature)
        {
            // The feature that was waiting did not take the message (a global command, or it is gone): carry on idle.
            turn.State.LeaveFeature();
        }

        await consultation.RunAsync(turn, cancellationToken);
    }
}
