using System.ComponentModel.DataAnnotations;

namespace EngagementBot.Dialogs.Insights;

/// <summary>Staff insights settings (configuration section <c>Insights</c>).</summary>
public sealed class InsightsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Insights";

    /// <summary>A citizen question counts as answered on time when answered within this delay of being asked.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan AnswerTarget { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A recipient "came back" when active within this delay after an update was sent to them.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "90.00:00:00")]
    public TimeSpan ReturnWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most reports waiting to be computed; beyond it staff are asked to try again.</summary>
    [Range(1, 1000)]
    public int QueueCapacity { get; set; } = 16;

    /// <summary>Most comments analysed in one report (the newest are kept).</summary>
    [Range(10, 1_000_000)]
    public int MaxComments { get; set; } = 100_000;

    /// <summary>Themes shown on the card.</summary>
    [Range(1, 12)]
    public int CardThemes { get; set; } = 5;

    /// <summary>Comments shown on a theme card.</summary>
    [Range(1, 50)]
    public int ThemeCardComments { get; set; } = 10;
}
