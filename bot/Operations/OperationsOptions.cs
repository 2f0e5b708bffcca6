using System.ComponentModel.DataAnnotations;

namespace EngagementBot.Bot.Operations;

/// <summary>Configuration section <c>Operations</c>: health checks and graceful shutdown.</summary>
public sealed class OperationsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Operations";

    /// <summary>
    /// <c>Operations:ShutdownTimeout</c>: how long a stopping host waits for in-flight turns, background turns and
    /// dispatcher leases to finish (default 30 s; App Service gives a container about 30 s after SIGTERM by default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Operations:ShutdownTimeout must be between 00:00:01 and 00:10:00, e.g. 00:00:30.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>Operations:ReadinessTimeout</c>: how long each readiness check may take (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Operations:ReadinessTimeout must be between 00:00:01 and 00:01:00, e.g. 00:00:05.")]
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
