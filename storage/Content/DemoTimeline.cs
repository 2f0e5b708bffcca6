namespace EngagementBot.Storage.Content;

/// <summary>
/// How the dates of content documents are read: as authored (the <c>import</c> command), or fresh (demo seeding).
/// A document may say which day its dates were written for with <c>demo-anchor: yyyy-MM-dd</c>. Read fresh, every
/// date of such a document (timeline, key dates, news, results, opening and closing) is moved by the whole weeks that
/// bring the anchor to today in the document's time zone, so that today sits where the anchor sits on its timeline.
/// Whole weeks keep weekdays and times of day as authored; the shift is rounded up, so today falls within the seven
/// days that end on the anchor (events authored before that week are always past, events after the anchor always upcoming).
/// </summary>
public sealed class DemoTimeline
{
    private const int DaysPerWeek = 7;

    private readonly DateTimeOffset? _now;

    private DemoTimeline(DateTimeOffset? now) => _now = now;

    /// <summary>Dates exactly as written; <c>demo-anchor</c> is ignored.</summary>
    public static DemoTimeline AsAuthored { get; } = new(null);

    /// <summary>Dates of anchored documents moved so that <paramref name="now"/> sits where the anchor sits.</summary>
    public static DemoTimeline FreshAt(DateTimeOffset now) => new(now);

    /// <summary>
    /// Days to add to the dates of a document anchored on <paramref name="anchor"/> in <paramref name="timeZone"/>:
    /// a multiple of 7; 0 as authored or without an anchor.
    /// </summary>
    public int ShiftDays(DateOnly? anchor, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (_now is not { } now || anchor is not { } authoredToday)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
        var days = today.DayNumber - authoredToday.DayNumber;
        return (int)Math.Ceiling(days / (double)DaysPerWeek) * DaysPerWeek;
    }
}
