namespace EngagementBot.Dialogs.Staff;

/// <summary>What a sender may do beyond what every citizen can. Ordered: a higher role includes the lower ones.</summary>
public enum StaffRole
{
    /// <summary>A citizen: no staff command.</summary>
    None = 0,

    /// <summary>Staff: answer questions, read summaries, prepare and publish updates.</summary>
    Staff = 1,

    /// <summary>Administrator: everything staff can, plus administrative commands.</summary>
    Admin = 2,
}
