using EngagementBot.Dialogs.Consultations;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// The whole conversation: each turn goes to the first <see cref="IDialogFeature"/> that takes it, else to the
/// consultation runner, which also answers global commands and what nobody recognised.
/// </summary>
public sealed class ConversationDialog(IEnumerable<IDialogFeature> features, ConsultationDialog consultation) : IDialog
{
    private readonly IDialogFeature[] _features = InOrder(features);

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

    /// <summary>The features by <see cref="IDialogFeature.Order"/>, then name (built every turn: a plain array sort).</summary>
    private static IDialogFeature[] InOrder(IEnumerable<IDialogFeature> features)
    {
        var ordered = features.ToArray();
        Array.Sort(ordered, static (a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Name, b.Name));
        return ordered;
    }
}
