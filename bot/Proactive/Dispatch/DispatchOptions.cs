using System.Globalization;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>The proactive dispatcher (section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Dispatch";

    /// <summary>Whether this instance sends deliveries (several instances may share the outbox).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Deliveries leased per claim.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claim holds; after it another instance may take the delivery (crash recovery).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait before looking again when nothing is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sends in flight at once.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Send attempts (each with the connector client's own retries) before a delivery is Failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry of a failed attempt; doubled each attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest delay between attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// While a batch is being sent, how often its notifications' status is read again, so that a notification staff
    /// withdraw stops going out within about this long (each send checks it, right before it goes).
    /// </summary>
    public TimeSpan WithdrawalCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Proactive rate limits, applied before each send.</summary>
    public DispatchRateLimits RateLimits { get; set; } = new();

    /// <summary>When participants are not disturbed.</summary>
    public QuietHoursOptions QuietHours { get; set; } = new();

    /// <summary>The weekly frequency cap.</summary>
    public FrequencyCapOptions FrequencyCap { get; set; } = new();
}

/// <summary>Token-bucket limits (messages per second; 0 = no limit).</summary>
public sealed class DispatchRateLimits
{
    /// <summary>Per conversation (Teams: 7 per second per conversation thread).</summary>
    public double PerConversationPerSecond { get; set; } = 7;

    /// <summary>Per tenant of a channel, by channel id (Teams: roughly 30–50 requests/s per app per tenant).</summary>
    public Dictionary<string, double> PerTenantPerSecond { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["msteams"] = 30 };

    /// <summary>Per tenant for channels not listed in <see cref="PerTenantPerSecond"/>.</summary>
    public double DefaultPerTenantPerSecond { get; set; }

    /// <summary>The per-tenant limit of a channel.</summary>
    public double PerTenantFor(string channelId) =>
        PerTenantPerSecond.TryGetValue(channelId, out var limit) ? limit : DefaultPerTenantPerSecond;
}

/// <summary>Quiet hours in the participant's local time; deliveries that fall inside wait until the window ends.</summary>
public sealed class QuietHoursOptions
{
    /// <summary>Whether quiet hours apply.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Start of the window, local time (HH:mm).</summary>
    public string Start { get; set; } = "21:00";

    /// <summary>End of the window, local time (HH:mm); before <see cref="Start"/> when the window spans midnight.</summary>
    public string End { get; set; } = "08:00";

    /// <summary>
    /// IANA time zone of participants whose client never reported one (Web Chat and Teams send theirs with each message,
    /// kept on the conversation reference).
    /// </summary>
    public string TimeZone { get; set; } = "America/Toronto";

    internal TimeOnly StartTime => TimeOnly.ParseExact(Start, "HH:mm", CultureInfo.InvariantCulture);

    internal TimeOnly EndTime => TimeOnly.ParseExact(End, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>At most <see cref="MaxPerWeek"/> non-final-results messages per participant per 7 days.</summary>
public sealed class FrequencyCapOptions
{
    /// <summary>The cap; 0 = no cap.</summary>
    public int MaxPerWeek { get; set; } = 3;
}

/// <summary>Checks <see cref="DispatchOptions"/> at start-up, naming the wrong setting.</summary>
public sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > 5000)
        {
            failures.Add($"Dispatch:BatchSize is {options.BatchSize}: set it between 1 and 5000 (e.g. 200).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(5) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Dispatch:LeaseDuration is {options.LeaseDuration}: set it between 00:00:05 and 01:00:00 (e.g. \"00:05:00\").");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Dispatch:PollInterval is {options.PollInterval}: set it above 00:00:00 and at most 00:10:00 (e.g. \"00:00:02\").");
        }

        if (options.Concurrency is < 1 or > 256)
        {
            failures.Add($"Dispatch:Concurrency is {options.Concurrency}: set it between 1 and 256 (e.g. 16).");
        }

        if (options.MaxAttempts is < 1 or > 50)
        {
            failures.Add($"Dispatch:MaxAttempts is {options.MaxAttempts}: set it between 1 and 50 (e.g. 5).");
        }

        if (options.RetryMaxDelay <= TimeSpan.Zero || options.RetryMaxDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"Dispatch:RetryMaxDelay is {options.RetryMaxDelay}: set it above 00:00:00 and at most 1.00:00:00 (e.g. \"00:30:00\").");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > options.RetryMaxDelay)
        {
            failures.Add($"Dispatch:RetryBaseDelay is {options.RetryBaseDelay}: set it between 00:00:00 and Dispatch:RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (options.WithdrawalCheckInterval <= TimeSpan.Zero || options.WithdrawalCheckInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Dispatch:WithdrawalCheckInterval is {options.WithdrawalCheckInterval}: set it above 00:00:00 and at most 00:01:00 (e.g. \"00:00:02\").");
        }

        ValidateRates(options.RateLimits, failures);
        ValidateQuietHours(options.QuietHours, failures);
        if (options.FrequencyCap.MaxPerWeek < 0)
        {
            failures.Add($"Dispatch:FrequencyCap:MaxPerWeek is {options.FrequencyCap.MaxPerWeek}: set 0 (no cap) or more (e.g. 3).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRates(DispatchRateLimits limits, List<string> failures)
    {
        if (limits.PerConversationPerSecond < 0 || double.IsNaN(limits.PerConversationPerSecond))
        {
            failures.Add($"Dispatch:RateLimits:PerConversationPerSecond is {limits.PerConversationPerSecond}: set 0 (no limit) or more (Teams: 7).");
        }

        if (limits.DefaultPerTenantPerSecond < 0 || double.IsNaN(limits.DefaultPerTenantPerSecond))
        {
            failures.Add($"Dispatch:RateLimits:DefaultPerTenantPerSecond is {limits.DefaultPerTenantPerSecond}: set 0 (no limit) or more.");
        }

        foreach (var (channel, limit) in limits.PerTenantPerSecond)
        {
            if (limit < 0 || double.IsNaN(limit))
            {
                failures.Add($"Dispatch:RateLimits:PerTenantPerSecond:{channel} is {limit}: set 0 (no limit) or more (Teams: 30).");
            }
        }
    }

    private static void ValidateQuietHours(QuietHoursOptions quiet, List<string> failures)
    {
        if (!TimeOnly.TryParseExact(quiet.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            failures.Add($"Dispatch:QuietHours:Start is \"{quiet.Start}\": write a local time as HH:mm (e.g. \"21:00\").");
        }

        if (!TimeOnly.TryParseExact(quiet.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            failures.Add($"Dispatch:QuietHours:End is \"{quiet.End}\": write a local time as HH:mm (e.g. \"08:00\").");
        }
        else if (start == end && quiet.Enabled)
        {
            failures.Add("Dispatch:QuietHours:Start and End are equal: give a window (e.g. \"21:00\" to \"08:00\") or set Dispatch:QuietHours:Enabled to false.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(quiet.TimeZone ?? string.Empty, out _))
        {
            failures.Add($"Dispatch:QuietHours:TimeZone is \"{quiet.TimeZone}\": use an IANA time zone id (e.g. \"America/Toronto\").");
        }
    }
}
