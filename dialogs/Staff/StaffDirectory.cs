using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Staff;

/// <summary>Tells which role a sender has.</summary>
public interface IStaffDirectory
{
    /// <summary>The role of a chat sender (<see cref="StaffRole.None"/> for citizens).</summary>
    StaffRole RoleOf(SenderIdentity sender);

    /// <summary>The role of a REST API caller from its token's object id and group ids.</summary>
    StaffRole RoleOf(string? aadObjectId, IEnumerable<string> groupIds);
}

/// <summary>The staff directory read from <see cref="StaffOptions"/>.</summary>
public sealed class ConfiguredStaffDirectory(IOptionsMonitor<StaffOptions> options) : IStaffDirectory
{
    /// <inheritdoc />
    public StaffRole RoleOf(SenderIdentity sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var current = options.CurrentValue;
        var role = MemberRole(current, sender.AadObjectId);
        if (current.AllowDevelopmentUsers && current.DevelopmentUserIds.Contains(sender.UserId, StringComparer.Ordinal))
        {
            role = Max(role, current.DevelopmentRole);
        }

        return role;
    }

    /// <inheritdoc />
    public StaffRole RoleOf(string? aadObjectId, IEnumerable<string> groupIds)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        var current = options.CurrentValue;
        var role = MemberRole(current, aadObjectId);
        foreach (var groupId in groupIds)
        {
            foreach (var group in current.Groups)
            {
                if (string.Equals(group.GroupId, groupId, StringComparison.OrdinalIgnoreCase))
                {
                    role = Max(role, group.Role);
                }
            }
        }

        return role;
    }

    private static StaffRole MemberRole(StaffOptions options, string? aadObjectId)
    {
        if (string.IsNullOrWhiteSpace(aadObjectId))
        {
            return StaffRole.None;
        }

        var role = StaffRole.None;
        foreach (var member in options.Members)
        {
            if (string.Equals(member.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase))
            {
                role = Max(role, member.Role);
            }
        }

        return role;
    }

    private static StaffRole Max(StaffRole a, StaffRole b) => a >= b ? a : b;
}
