namespace EngagementBot.Dialogs.Publishing;

/// <summary>Publishing and event reminders (configuration section <c>Publishing</c>).</summary>
public sealed class PublishingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Publishing";

    /// <summary>Participants read (and deliveries written) per page during fan-out; bounds memory whatever the audience.</summary>
    public int FanOutPageSize { get; set; } = 500;

    /// <summary>Longest title plus body accepted per language.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Whether the event reminder worker runs.</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>How long before a key date its reminder is sent.</summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often the reminder worker looks for key dates that are due.</summary>
    public TimeSpan ReminderScanInterval { get; set; } = TimeSpan.FromMinutes(15);
}
