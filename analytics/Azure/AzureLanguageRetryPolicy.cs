using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Analytics.Azure;

/// <summary>
/// The pipeline's retry step: 429 waits for its Retry-After (bounded by <see cref="AzureLanguageOptions.MaxRetryAfter"/>),
/// 408/500/502/503/504 and transport failures back off exponentially, at most <see cref="AzureLanguageOptions.MaxRetries"/>
/// times. Anything else (400, 401, 403 quota…) is returned at once. Waits use the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class AzureLanguageRetryPolicy : HttpPipelinePolicy
{
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxRetryAfter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AzureLanguageRetryPolicy(AzureLanguageOptions options, TimeProvider time, ILogger logger)
    {
        _maxRetries = options.MaxRetries;
        _baseDelay = options.RetryDelay;
        _maxRetryAfter = options.MaxRetryAfter;
        _time = time;
        _logger = logger;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The Azure AI Language provider only sends asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan delay;
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                var status = message.Response.Status;
                if (!IsRetriable(status) || attempt >= _maxRetries)
                {
                    return;
                }

                var asked = RetryAfter.From(message.Response, _time.GetUtcNow());
                if (asked > _maxRetryAfter)
                {
                    _logger.LogWarning("Azure AI Language asked to wait {RetryAfter} (more than {MaxRetryAfter}); not retrying", asked, _maxRetryAfter);
                    return;
                }

                delay = asked ?? Backoff(attempt);
                _logger.LogInformation("Azure AI Language answered {Status}; retry {Attempt}/{MaxRetries} in {Delay}", status, attempt + 1, _maxRetries, delay);
                message.Response.ContentStream?.Dispose();
            }
            catch (RequestFailedException ex) when (ex.Status == 0 && attempt < _maxRetries && !message.CancellationToken.IsCancellationRequested)
            {
                delay = Backoff(attempt);
                _logger.LogInformation(ex, "Azure AI Language could not be reached; retry {Attempt}/{MaxRetries} in {Delay}", attempt + 1, _maxRetries, delay);
            }

            await Task.Delay(delay, _time, message.CancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetriable(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    private TimeSpan Backoff(int attempt) => TimeSpan.FromTicks(_baseDelay.Ticks * (1L << Math.Min(attempt, 10)));
}
