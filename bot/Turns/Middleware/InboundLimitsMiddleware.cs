using System.Threading.RateLimiting;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Turns.Middleware;

/// <summary>
/// Abuse limits on what users send: a per-conversation rate limit (token bucket, from the same
/// System.Threading.RateLimiting limiters that ASP.NET Core's rate-limiting middleware uses — applied here
/// because the partition key, the conversation id, is inside the activity) and a bound on message length.
/// A limited user gets one polite reply per window, not one per message. The per-conversation limiters run
/// no timer of their own and are replenished when their conversation writes again
/// (<see cref="LazyReplenishingPartitionedRateLimiter{TKey}"/>), so tens of thousands of conversations cost
/// one idle sweep per window, not a walk over all of them ten times a second.
/// </summary>
public sealed partial class InboundLimitsMiddleware : ITurnMiddleware, IDisposable
{
    private readonly PartitionedRateLimiter<string> _messages;
    private readonly PartitionedRateLimiter<string> _warnings;
    private readonly TurnOptions _options;
    private readonly BotTexts _texts;
    private readonly ILogger<InboundLimitsMiddleware> _logger;

    public InboundLimitsMiddleware(IOptions<TurnOptions> options, BotTexts texts, TimeProvider timeProvider, ILogger<InboundLimitsMiddleware> logger)
    {
        _options = options.Value;
        _texts = texts;
        _logger = logger;
        _messages = MessageLimiter(_options.MessagesPerConversation, _options.RateLimitWindow, timeProvider);
        _warnings = WarningLimiter(_options.RateLimitWindow, timeProvider);
    }

    /// <summary><paramref name="permits"/> messages per conversation per <paramref name="window"/>, as a token bucket.</summary>
    internal static LazyReplenishingPartitionedRateLimiter<string> MessageLimiter(int permits, TimeSpan window, TimeProvider timeProvider) => new(
        _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = window,
            QueueLimit = 0,
            AutoReplenishment = false,
        }),
        window,
        timeProvider,
        StringComparer.Ordinal);

    /// <summary>One "slow down" reply per conversation per <paramref name="window"/>.</summary>
    private static LazyReplenishingPartitionedRateLimiter<string> WarningLimiter(TimeSpan window, TimeProvider timeProvider) => new(
        _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = 1,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = false,
        }),
        window,
        timeProvider,
        StringComparer.Ordinal);

    public async Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (!activity.IsType(ActivityTypes.Message))
        {
            await next(cancellationToken);
            return;
        }

        var conversationKey = $"{activity.ChannelId}|{activity.Conversation?.Id}";
        using (var lease = _messages.AttemptAcquire(conversationKey))
        {
            if (!lease.IsAcquired)
            {
                LogRateLimited(activity.ChannelId);
                using var warning = _warnings.AttemptAcquire(conversationKey);
                if (warning.IsAcquired)
                {
                    await turn.SendActivityAsync(_texts.Get(BotTexts.SlowDown, turn.Language), cancellationToken);
                }

                return;
            }
        }

        var length = activity.Text?.Length ?? 0;
        if (length > _options.MaxTextLength)
        {
            await turn.SendActivityAsync(_texts.Format(BotTexts.TooLong, turn.Language, length, _options.MaxTextLength), cancellationToken);
            return;
        }

        await next(cancellationToken);
    }

    public void Dispose()
    {
        _messages.Dispose();
        _warnings.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message rate limit reached for a conversation on channel {ChannelId}")]
    private partial void LogRateLimited(string? channelId);
}
