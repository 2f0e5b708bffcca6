using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.Staff;

/// <summary>
/// "help" / « aide » from staff: what every citizen can do, then the staff commands (questions and answers,
/// publishing and its progress, feedback summaries), so staff find their commands where citizens find theirs.
/// Citizens' help is left to the consultation dialog; help in the middle of a question keeps its own answer.
/// </summary>
public sealed class StaffHelpFeature(StaffGate gate) : IDialogFeature
{
    /// <inheritdoc />
    public string Name => "staff-help";

    /// <inheritdoc />
    public int Order => 90;

    /// <inheritdoc />
    public Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        // Cheapest checks first: this runs on every turn, and nearly every sender is a citizen.
        if (turn.State.Stage is not (DialogStage.Idle or DialogStage.Feature)
            || gate.RoleOf(turn) < StaffRole.Staff
            || Commands.Detect(turn.Input.Text) != GlobalCommand.Help)
        {
            return Task.FromResult(false);
        }

        turn.Say(DialogTexts.Help);
        turn.Say(DialogTexts.HelpStaff);
        return Task.FromResult(true);
    }
}
