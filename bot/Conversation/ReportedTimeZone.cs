namespace EngagementBot.Bot.Conversation;

/// <summary>
/// The time zone a client reports in its activities (<c>localTimezone</c>: Web Chat and Teams send the IANA id of the
/// user's device, e.g. <c>America/Toronto</c>), kept only when this machine knows it.
/// </summary>
public static class ReportedTimeZone
{
    /// <summary>Longest id accepted (the longest IANA ids are about 30 characters).</summary>
    public const int MaxLength = 64;

    /// <summary><paramref name="reported"/> when it names a time zone this machine knows, otherwise <see langword="null"/>.</summary>
    public static string? Valid(string? reported) =>
        reported is { Length: > 0 and <= MaxLength } && TimeZoneInfo.TryFindSystemTimeZoneById(reported, out _) ? reported : null;
}
