using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace EngagementBot.Bot.Protocol.Connector;

/// <summary>
/// The one retry/timeout pipeline of the connector client, built once per application: an outer retry
/// (412, 429, 502, 503, 504, <see cref="HttpRequestException"/>, per-attempt timeouts; at most
/// <see cref="ConnectorClientOptions.MaxRetries"/> retries) around a per-attempt timeout. The wait before a
/// retry is the response's <c>Retry-After</c> (delta-seconds or HTTP-date) when present, otherwise
/// exponential backoff with jitter from <see cref="ConnectorClientOptions.BaseDelay"/>; never more than
/// <see cref="ConnectorClientOptions.MaxDelay"/>. All waits use the injected <see cref="TimeProvider"/>.
/// The callback must build a fresh <see cref="HttpRequestMessage"/> per attempt.
/// </summary>
public sealed partial class ConnectorResiliencePipeline
{
    /// <summary>Name of the connector operation, carried in the context for logs.</summary>
    public static readonly ResiliencePropertyKey<string> OperationKey = new("EngagementBot.Connector.Operation");

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxDelay;
    private readonly ILogger<ConnectorResiliencePipeline> _logger;

    public ConnectorResiliencePipeline(IOptions<ConnectorClientOptions> options, TimeProvider timeProvider, ILogger<ConnectorResiliencePipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _timeProvider = timeProvider;
        _maxDelay = settings.MaxDelay;
        _logger = logger;
        AttemptTimeout = settings.AttemptTimeout;
        MaxAttempts = settings.MaxRetries + 1;
        Pipeline = Build(settings);
    }

    /// <summary>The pipeline; execute the connector request inside it.</summary>
    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>First attempt plus retries.</summary>
    public int MaxAttempts { get; }

    /// <summary>
    /// The wait a response asks for through <c>Retry-After</c>, capped at <paramref name="maxDelay"/>; an HTTP-date
    /// in the past means "now". Null when the header is absent or unreadable.
    /// </summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider, TimeSpan maxDelay)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => null,
        };

        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > maxDelay ? maxDelay : wait;
    }

    private ResiliencePipeline<HttpResponseMessage> Build(ConnectorClientOptions settings)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => ConnectorErrorClassifier.IsTransient(response.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? GetRetryAfter(response, _timeProvider, _maxDelay) : null),
                OnRetry = args =>
                {
                    LogRetry(
                        args.Context.Properties.GetValue(OperationKey, "Connector"),
                        args.AttemptNumber + 1,
                        args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "unknown",
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(settings.AttemptTimeout);
        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Operation} attempt {Attempt} failed ({Outcome}); retrying in {Delay}")]
    private partial void LogRetry(string operation, int attempt, string outcome, TimeSpan delay);
}
