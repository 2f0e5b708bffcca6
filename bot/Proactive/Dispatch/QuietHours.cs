using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>Decides whether a moment falls in the participants' quiet hours, and when they end.</summary>
public sealed class QuietHours(IOptions<DispatchOptions> options)
{
    private readonly QuietHoursOptions _options = options.Value.QuietHours;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.QuietHours.TimeZone);

    /// <summary>
    /// The end of the quiet window when <paramref name="now"/> is inside it (the delivery waits until then), or
    /// <see langword="null"/> when a message may be sent now.
    /// </summary>
    public DateTimeOffset? DeferUntil(DateTimeOffset now)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var start = _options.StartTime;
        var end = _options.EndTime;
        var local = TimeZoneInfo.ConvertTime(now, _zone);
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
        while (_zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(30); // the clock jumps over the end (daylight saving): the next valid time
        }

        return new DateTimeOffset(endLocal, _zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
