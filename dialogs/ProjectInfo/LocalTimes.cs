using System.Globalization;
using EngagementBot.Dialogs.Consultations;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>Dates and times as citizens read them: the city's time zone, fr-CA or en-CA formats.</summary>
public static class LocalTimes
{
    private static readonly CultureInfo FrenchCanada = CultureInfo.GetCultureInfo("fr-CA");
    private static readonly CultureInfo EnglishCanada = CultureInfo.GetCultureInfo("en-CA");

    /// <summary>A calendar date, e.g. "28 novembre 2026" / "November 28, 2026".</summary>
    public static string Date(DateOnly date, string language) => Dates.Format(date, language);

    /// <summary>The city's calendar date of an instant, formatted.</summary>
    public static string Date(DateTimeOffset instant, string language) => Dates.Format(Dates.LocalDate(instant), language);

    /// <summary>An instant in the city's time, e.g. "28 novembre 2026 à 9 h 30" / "November 28, 2026 at 9:30 a.m.".</summary>
    public static string DateTime(DateTimeOffset instant, string language)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Dates.CityTimeZone);
        var date = Dates.Format(DateOnly.FromDateTime(local.DateTime), language);
        return language == "fr"
            ? string.Create(FrenchCanada, $"{date} à {local.Hour} h {local.Minute:00}")
            : $"{date} at {local.ToString("h:mm tt", EnglishCanada)}";
    }
}
