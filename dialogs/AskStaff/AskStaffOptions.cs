using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>Settings of the ask-staff loop, bound from the <c>AskStaff</c> configuration section and validated at start-up.</summary>
public sealed class AskStaffOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AskStaff";

    /// <summary>How soon citizens are promised an answer (told "by when"); older open questions are overdue. Default 2 days.</summary>
    public TimeSpan ResponseTimeTarget { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Id of the project listener named to citizens as the one who answers (e.g. <c>equipe-participation</c>); when the
    /// project has no such listener, citizens are told "the project team".
    /// </summary>
    public string? ResponderListenerId { get; set; }

    /// <summary>Whether overdue questions are announced to staff conversations (one notice per question). Default true.</summary>
    public bool NotifyOverdue { get; set; } = true;

    /// <summary>How often the overdue check runs. Default 5 minutes.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most open questions listed by the staff "questions" command. Default 20.</summary>
    public int MaxListed { get; set; } = 20;
}

/// <summary>Validates <see cref="AskStaffOptions"/> with messages that say how to fix them.</summary>
internal sealed class AskStaffOptionsValidator : IValidateOptions<AskStaffOptions>
{
    public ValidateOptionsResult Validate(string? name, AskStaffOptions options)
    {
        var failures = new List<string>();
        if (options.ResponseTimeTarget <= TimeSpan.Zero || options.ResponseTimeTarget > TimeSpan.FromDays(60))
        {
            failures.Add($"{AskStaffOptions.SectionName}:ResponseTimeTarget is {options.ResponseTimeTarget}; set a duration between 00:00:01 and 60.00:00:00 (default 2.00:00:00).");
        }

        if (options.OverdueCheckInterval < TimeSpan.FromMilliseconds(100) || options.OverdueCheckInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{AskStaffOptions.SectionName}:OverdueCheckInterval is {options.OverdueCheckInterval}; set a duration between 00:00:00.1 and 1.00:00:00 (default 00:05:00).");
        }

        if (options.MaxListed is < 1 or > 50)
        {
            failures.Add($"{AskStaffOptions.SectionName}:MaxListed is {options.MaxListed}; set it between 1 and 50 (default 20).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
