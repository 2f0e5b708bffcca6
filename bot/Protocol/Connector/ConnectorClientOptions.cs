using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Protocol.Connector;

/// <summary>
/// Retry and timeout settings of the Connector REST client, bound from the <c>Connector</c> section
/// (e.g. <c>Connector:MaxRetries</c>, <c>Connector:AttemptTimeout = "00:00:30"</c>).
/// </summary>
public sealed class ConnectorClientOptions
{
    public const string SectionName = "Connector";

    /// <summary>Retries after the first attempt (0 = no retry). Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Base of the exponential backoff with jitter, used when the connector sends no Retry-After. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any single wait between attempts, Retry-After included. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one attempt (request + response body); a timed-out attempt is retried. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Start-up check of <see cref="ConnectorClientOptions"/> with messages naming the <c>Connector:*</c> key.</summary>
public sealed class ConnectorClientOptionsValidator : IValidateOptions<ConnectorClientOptions>
{
    internal const int MaxRetriesLimit = 10;
    internal static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(10);
    internal static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromMinutes(5);
    internal static readonly TimeSpan MaxDelayLimit = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, ConnectorClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            failures.Add($"Connector:MaxRetries is {options.MaxRetries}: set it between 0 and {MaxRetriesLimit}.");
        }

        if (options.MaxDelay <= TimeSpan.Zero || options.MaxDelay > MaxDelayLimit)
        {
            failures.Add($"Connector:MaxDelay is {options.MaxDelay}: set it above 00:00:00 and at most {MaxDelayLimit} (e.g. \"00:01:00\").");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.BaseDelay > options.MaxDelay)
        {
            failures.Add($"Connector:BaseDelay is {options.BaseDelay}: set it between 00:00:00 and Connector:MaxDelay ({options.MaxDelay}), e.g. \"00:00:01\".");
        }

        if (options.AttemptTimeout < MinAttemptTimeout || options.AttemptTimeout > MaxAttemptTimeout)
        {
            failures.Add($"Connector:AttemptTimeout is {options.AttemptTimeout}: set it between {MinAttemptTimeout} and {MaxAttemptTimeout} (e.g. \"00:00:30\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
