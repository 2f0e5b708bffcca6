using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Dialogs.Staff;

/// <summary>
/// The check in front of every staff command: lets staff through, and answers anyone else with a polite
/// refusal while logging the attempt (channel and user id, never the message).
/// </summary>
public sealed partial class StaffGate(IStaffDirectory directory, ILogger<StaffGate> logger)
{
    /// <summary>The sender's role.</summary>
    public StaffRole RoleOf(DialogTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return directory.RoleOf(turn.Input.Sender);
    }

    /// <summary>
    /// Whether the sender has at least <paramref name="required"/>; if not, adds the refusal reply and logs
    /// the attempt at <paramref name="command"/>.
    /// </summary>
    public bool Allows(DialogTurn turn, StaffRole required, string command)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var role = directory.RoleOf(turn.Input.Sender);
        if (role >= required)
        {
            return true;
        }

        LogRefused(logger, command, turn.Input.Sender.ChannelId, turn.Input.Sender.UserId, role, required);
        turn.Say(DialogTexts.StaffOnly);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused staff command {Command} to {ChannelId}/{UserId}: role {Role}, needs {Required}")]
    private static partial void LogRefused(ILogger logger, string command, string channelId, string userId, StaffRole role, StaffRole required);
}
