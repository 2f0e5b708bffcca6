using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive.Dispatch;

/// <summary>
/// Proactive rate limits applied before each send (rather than waiting for the channel's 429s): one token bucket
/// per conversation and one per tenant of a channel (<see cref="DispatchRateLimits"/>). Per process: several
/// instances each apply the limits (configure per-instance values accordingly).
/// </summary>
public sealed class SendRateLimiter(IOptions<DispatchOptions> options, TimeProvider timeProvider)
{
    private const int PruneAbove = 20_000;

    private readonly ConcurrentDictionary<string, TokenBucket> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _tenants = new(StringComparer.Ordinal);

    /// <summary>Waits until a message may go to this conversation of this channel and tenant.</summary>
    public async Task WaitAsync(string conversationKey, string channelId, string? tenantId, CancellationToken cancellationToken)
    {
        var limits = options.Value.RateLimits;
        var now = timeProvider.GetUtcNow();
        var wait = TimeSpan.Zero;
        if (limits.PerConversationPerSecond > 0)
        {
            wait = Reserve(_conversations, conversationKey, limits.PerConversationPerSecond, now);
        }

        var perTenant = limits.PerTenantFor(channelId);
        if (perTenant > 0)
        {
            var tenantWait = Reserve(_tenants, channelId + "|" + (tenantId ?? string.Empty), perTenant, now);
            wait = tenantWait > wait ? tenantWait : wait;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private static TimeSpan Reserve(ConcurrentDictionary<string, TokenBucket> buckets, string key, double rate, DateTimeOffset now)
    {
        if (buckets.Count > PruneAbove)
        {
            // Forget buckets idle for a while (they are full again anyway).
            foreach (var (idle, bucket) in buckets)
            {
                if (now - bucket.LastUsed > TimeSpan.FromMinutes(1))
                {
                    buckets.TryRemove(idle, out _);
                }
            }
        }

        return buckets.GetOrAdd(key, static (_, state) => new TokenBucket(state.rate, state.now), (rate, now)).Reserve(now);
    }
}
