using System.Threading.RateLimiting;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Bot.Turns.Middleware;

namespace EngagementBot.Bot.Tests.Messages;

/// <summary>
/// The per-conversation limiter behind the inbound message limit: each conversation has its own budget, the
/// budget comes back with time although no timer runs for it, and conversations with a full budget are forgotten.
/// </summary>
public sealed class ConversationRateLimiterTests
{
    // The inbound limit's own limiter; the sweep runs only when a test calls it.
    private static LazyReplenishingPartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        InboundLimitsMiddleware.MessageLimiter(permits, window, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

    [Fact]
    public void Each_conversation_has_its_own_budget()
    {
        using var limiter = Create(permits: 3, window: TimeSpan.FromHours(1));

        var granted = Enumerable.Range(0, 5).Count(_ => Acquire(limiter, "a"));

        Assert.Equal(3, granted);
        Assert.True(Acquire(limiter, "b"));
        Assert.Equal(2, limiter.PartitionCount);
    }

    [Fact]
    public async Task The_budget_comes_back_after_the_window_without_any_timer()
    {
        using var limiter = Create(permits: 2, window: TimeSpan.FromMilliseconds(200));
        Assert.True(Acquire(limiter, "a"));
        Assert.True(Acquire(limiter, "a"));
        Assert.False(Acquire(limiter, "a"));

        await Task.Delay(TimeSpan.FromMilliseconds(450));

        Assert.True(Acquire(limiter, "a"));
        Assert.True(Acquire(limiter, "a"));
        Assert.False(Acquire(limiter, "a"));
    }

    [Fact]
    public async Task Conversations_whose_budget_is_full_again_are_forgotten_and_busy_ones_kept()
    {
        using var limiter = Create(permits: 2, window: TimeSpan.FromMilliseconds(100));
        Assert.True(Acquire(limiter, "idle"));
        Assert.True(Acquire(limiter, "busy"));
        Assert.True(Acquire(limiter, "busy"));

        // Long enough for both budgets to come back; then "busy" writes again.
        await Task.Delay(TimeSpan.FromMilliseconds(250));
        Assert.True(Acquire(limiter, "busy"));
        limiter.SweepIdlePartitions();

        Assert.Equal(1, limiter.PartitionCount);
        Assert.True(Acquire(limiter, "idle")); // a swept conversation starts again with a full budget
        Assert.True(Acquire(limiter, "idle"));
        Assert.False(Acquire(limiter, "idle"));
    }

    [Fact]
    public async Task Disposing_fails_later_acquisitions_instead_of_leaking_timers()
    {
        var limiter = Create(permits: 1, window: TimeSpan.FromMinutes(1));
        Assert.True(Acquire(limiter, "a"));

        await limiter.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire("a"));
    }

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string conversation)
    {
        using var lease = limiter.AttemptAcquire(conversation);
        return lease.IsAcquired;
    }
}
