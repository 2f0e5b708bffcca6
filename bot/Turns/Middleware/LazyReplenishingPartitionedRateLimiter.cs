using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace EngagementBot.Bot.Turns.Middleware;

/// <summary>
/// A <see cref="PartitionedRateLimiter{TResource}"/> whose partitions are System.Threading.RateLimiting's own
/// replenishing limiters (token bucket, fixed window), created with <c>AutoReplenishment = false</c> and
/// replenished lazily: each acquisition first lets its partition catch up on the time elapsed since the last one.
/// <para>
/// Why not <see cref="PartitionedRateLimiter.Create{TResource, TPartitionKey}"/>: its heartbeat walks every
/// partition ten times a second to replenish it and find idle ones. With one partition per conversation, a busy
/// bot holds the last 20 s of conversations (over 100,000 at 7,000 turns/s), and that walk alone took 9 % of the
/// bot's CPU in the load test. Here the only walk is the sweep, once per <c>sweepInterval</c>, which drops the
/// partitions that are full again: a full bucket or window behaves exactly like a new one, so forgetting it
/// loses nothing.
/// </para>
/// Partitions must not queue (<c>QueueLimit = 0</c>): a swept partition is dropped without being disposed, so
/// an acquisition racing with the sweep still succeeds on it (it was full) instead of failing; at worst that
/// conversation gets one extra permit in that window.
/// </summary>
public sealed class LazyReplenishingPartitionedRateLimiter<TKey> : PartitionedRateLimiter<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, ReplenishingRateLimiter> _partitions;
    private readonly Func<TKey, ReplenishingRateLimiter> _createPartition;
    private readonly ITimer _sweep;
    private volatile bool _disposed;

    public LazyReplenishingPartitionedRateLimiter(
        Func<TKey, ReplenishingRateLimiter> createPartition, TimeSpan sweepInterval, TimeProvider timeProvider, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sweepInterval, TimeSpan.Zero);
        _createPartition = createPartition;
        _partitions = new ConcurrentDictionary<TKey, ReplenishingRateLimiter>(comparer);
        _sweep = timeProvider.CreateTimer(static state => ((LazyReplenishingPartitionedRateLimiter<TKey>)state!).SweepIdlePartitions(), this, sweepInterval, sweepInterval);
    }

    /// <summary>How many partitions are held now (full ones leave at the next sweep).</summary>
    public int PartitionCount => _partitions.Count;

    public override RateLimiterStatistics? GetStatistics(TKey resource) => Partition(resource).GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(TKey resource, int permitCount) => Partition(resource).AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(TKey resource, int permitCount, CancellationToken cancellationToken) =>
        Partition(resource).AcquireAsync(permitCount, cancellationToken);

    /// <summary>Drops the partitions that are full again once replenished up to now.</summary>
    internal void SweepIdlePartitions()
    {
        foreach (var partition in _partitions)
        {
            partition.Value.TryReplenish();
            if (partition.Value.IdleDuration is not null)
            {
                _partitions.TryRemove(partition);
            }
        }
    }

    private ReplenishingRateLimiter Partition(TKey key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var partition = _partitions.GetOrAdd(key, _createPartition);
        partition.TryReplenish();
        return partition;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _sweep.Dispose();
            foreach (var partition in _partitions.Values)
            {
                partition.Dispose();
            }

            _partitions.Clear();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }
}
