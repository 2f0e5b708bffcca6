namespace EngagementBot.Dialogs.Staff;

/// <summary>
/// Who is staff (configuration section <c>Staff</c>). In Teams a sender is recognised by the Entra object id the
/// channel puts on every activity (<c>from.aadObjectId</c>); Entra group ids apply to bearer tokens of the staff
/// REST API (their <c>groups</c> claim), since Teams activities carry no group membership.
/// </summary>
public sealed class StaffOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Staff";

    /// <summary>Staff members by Entra object id.</summary>
    public List<StaffMember> Members { get; init; } = [];

    /// <summary>Entra groups whose members are staff (REST API tokens).</summary>
    public List<StaffGroup> Groups { get; init; } = [];

    /// <summary>
    /// Development switch: channel user ids treated as staff (role <see cref="DevelopmentRole"/>) whatever the
    /// channel, so a local Web Chat user can act as staff. Honoured only when the bot runs in local mode (no
    /// Microsoft App ID); ignored, with a warning, otherwise.
    /// </summary>
    public List<string> DevelopmentUserIds { get; init; } = [];

    /// <summary>The role given to <see cref="DevelopmentUserIds"/>.</summary>
    public StaffRole DevelopmentRole { get; init; } = StaffRole.Admin;

    /// <summary>Set by the host: whether <see cref="DevelopmentUserIds"/> are honoured (local mode only).</summary>
    public bool AllowDevelopmentUsers { get; set; }
}

/// <summary>A staff member.</summary>
public sealed class StaffMember
{
    /// <summary>Entra ID object id (GUID) of the user.</summary>
    public string AadObjectId { get; init; } = string.Empty;

    /// <summary>Display name used when telling citizens who answers (optional).</summary>
    public string? Name { get; init; }

    /// <summary>The role.</summary>
    public StaffRole Role { get; init; } = StaffRole.Staff;
}

/// <summary>An Entra group whose members are staff.</summary>
public sealed class StaffGroup
{
    /// <summary>Entra ID object id (GUID) of the group.</summary>
    public string GroupId { get; init; } = string.Empty;

    /// <summary>The role.</summary>
    public StaffRole Role { get; init; } = StaffRole.Staff;
}
