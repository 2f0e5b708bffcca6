using EngagementBot.Dialogs.Resources;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>Ages and targets as staff read them: "2 d 3 h", "5 h 10 min", "12 min".</summary>
public static class Durations
{
    /// <summary>The duration, rounded down to the minute.</summary>
    public static string Format(TimeSpan duration, string language)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration.TotalDays >= 1)
        {
            return duration.Hours == 0
                ? AskStaffTexts.Format(AskStaffTexts.DurationWholeDays, language, (int)duration.TotalDays)
                : AskStaffTexts.Format(AskStaffTexts.DurationDays, language, (int)duration.TotalDays, duration.Hours);
        }

        return duration.TotalHours >= 1
            ? AskStaffTexts.Format(AskStaffTexts.DurationHours, language, (int)duration.TotalHours, duration.Minutes)
            : AskStaffTexts.Format(AskStaffTexts.DurationMinutes, language, (int)duration.TotalMinutes);
    }
}
