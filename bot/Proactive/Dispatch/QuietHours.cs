using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// Decides whether a moment falls in a participant's quiet hours, and when they end. The window is read on the
/// participant's own clock: the time zone their client reported (stored on the conversation reference), or
/// <see cref="QuietHoursOptions.TimeZone"/> when it never said or names a zone this machine does not know.
/// </summary>
public sealed class QuietHours(IOptions<DispatchOptions> options)
{
    private readonly QuietHoursOptions _options = options.Value.QuietHours;
    private readonly TimeZoneInfo _defaultZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.QuietHours.TimeZone);

    // The zones met so far by id (a few hundred exist); null for an id this machine does not know.
    private readonly ConcurrentDictionary<string, TimeZoneInfo?> _zones = new(StringComparer.Ordinal);

    /// <summary>
    /// The end of the quiet window when <paramref name="now"/> is inside it on the clock of
    /// <paramref name="participantTimeZone"/> (the delivery waits until then), or <see langword="null"/> when a message
    /// may be sent now.
    /// </summary>
    public DateTimeOffset? DeferUntil(DateTimeOffset now, string? participantTimeZone)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var zone = ZoneOf(participantTimeZone);
        var start = _options.StartTime;
        var end = _options.EndTime;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var spansMidnight = start > end;
        var inside = spansMidnight ? time >= start || time < end : time >= start && time < end;
        if (!inside)
        {
            return null;
        }

        // The window ends today, unless it spans midnight and we are in its evening part.
        var endDay = DateOnly.FromDateTime(local.DateTime);
        if (spansMidnight && time >= start)
        {
            endDay = endDay.AddDays(1);
        }

        var endLocal = endDay.ToDateTime(end, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(30); // the clock jumps over the end (daylight saving): the next valid time
        }

        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }

    private TimeZoneInfo ZoneOf(string? id) =>
        id is null ? _defaultZone : _zones.GetOrAdd(id, static key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var found) ? found : null) ?? _defaultZone;
}
