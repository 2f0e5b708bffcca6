namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// Real time moved to a chosen start: the clock reads <c>start + elapsed real time</c>, timers run in real time.
/// For full-app tests whose answers depend on the date (upcoming events, ages) without freezing the host's timers.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
