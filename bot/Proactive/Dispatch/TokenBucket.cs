namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: <c>rate</c> tokens per second, at most <c>rate</c> (at least 1)
/// stored. <see cref="Reserve"/> always takes a token and says how long to wait before using it, so callers queue
/// fairly instead of polling. Thread-safe.
/// </summary>
internal sealed class TokenBucket(double ratePerSecond, DateTimeOffset now)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = Math.Max(1, ratePerSecond);
    private double _tokens = Math.Max(1, ratePerSecond);
    private DateTimeOffset _updated = now;

    /// <summary>When the bucket was last used.</summary>
    public DateTimeOffset LastUsed
    {
        get
        {
            lock (_gate)
            {
                return _updated;
            }
        }
    }

    /// <summary>Takes one token; returns how long to wait before it may be used (zero when one was available).</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now > _updated)
            {
                _tokens = Math.Min(_capacity, _tokens + ((now - _updated).TotalSeconds * ratePerSecond));
                _updated = now;
            }

            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / ratePerSecond);
        }
    }
}
