namespace EngagementBot.Dialogs.Runtime;

/// <summary>Who sent a turn, as the channel identifies them (used for staff access and proactive replies).</summary>
/// <param name="ChannelId">The channel (<c>msteams</c>, <c>directline</c>, <c>webchat</c>, <c>sms</c>…).</param>
/// <param name="UserId">The channel's id of the user.</param>
/// <param name="AadObjectId">The Entra ID object id (Teams and other Entra-authenticated channels), if any.</param>
/// <param name="TenantId">The Entra tenant of the conversation, if any.</param>
/// <param name="Name">The display name the channel gave, if any (never stored for citizens).</param>
public sealed record SenderIdentity(string ChannelId, string UserId, string? AadObjectId, string? TenantId, string? Name)
{
    /// <summary>An unknown sender (never staff).</summary>
    public static SenderIdentity Unknown { get; } = new("unknown", "anonymous", null, null, null);
}
