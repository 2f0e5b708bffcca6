using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Analytics.Azure;

/// <summary>
/// The REST calls of Azure AI Language (<c>/language/:analyze-text</c> and the <c>analyze-text/jobs</c> lifecycle)
/// over an Azure.Core <see cref="HttpPipeline"/>: authentication policy (key header or bearer token) per retry,
/// <see cref="AzureLanguageRetryPolicy"/> as the retry step, error bodies turned into <see cref="AzureLanguageException"/>.
/// </summary>
internal sealed class AzureLanguageClient
{
    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;
    private readonly AzureLanguageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AzureLanguageClient(AzureLanguageOptions options, HttpPipelinePolicy authentication, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _endpoint = (options.Endpoint ?? throw new ArgumentException("TextAnalytics:AzureLanguage:Endpoint is required.", nameof(options))).TrimEnd('/');
        var clientOptions = new LanguageClientOptions { RetryPolicy = new AzureLanguageRetryPolicy(options, time, logger) };
        clientOptions.Diagnostics.ApplicationId = "EngagementBot";
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        _pipeline = HttpPipelineBuilder.Build(clientOptions, authentication);
    }

    /// <summary>POST <c>{endpoint}/language/:analyze-text</c>; returns the parsed 200 body.</summary>
    public async Task<JsonDocument> AnalyzeTextAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Post, $"{_endpoint}/language/:analyze-text?api-version={Uri.EscapeDataString(_options.ApiVersion)}", body);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw ErrorFrom(response, "analyze-text");
        }

        return JsonDocument.Parse(response.Content.ToMemory());
    }

    /// <summary>
    /// Submits an analyze-text job, polls its Operation-Location (honouring Retry-After, else
    /// <see cref="AzureLanguageOptions.PollInterval"/>) until it succeeds, then follows <c>nextLink</c> pages.
    /// On cancellation or timeout the job is cancelled on the service (best effort).
    /// </summary>
    public async Task<IReadOnlyList<JsonDocument>> RunJobAsync(JsonObject body, CancellationToken cancellationToken)
    {
        Uri operation;
        TimeSpan? nextWait;
        using (var submit = CreateMessage(RequestMethod.Post, $"{_endpoint}/language/analyze-text/jobs?api-version={Uri.EscapeDataString(_options.ApiVersion)}", body))
        {
            await _pipeline.SendAsync(submit, cancellationToken).ConfigureAwait(false);
            if (submit.Response.Status != 202)
            {
                throw ErrorFrom(submit.Response, "analyze-text/jobs");
            }

            if (!submit.Response.Headers.TryGetValue("Operation-Location", out var location) || !Uri.TryCreate(location, UriKind.Absolute, out operation!))
            {
                throw new AzureLanguageException("Azure AI Language accepted the job (202) without an absolute Operation-Location header; cannot follow it.", 202, null);
            }

            nextWait = RetryAfter.From(submit.Response, _time.GetUtcNow());
        }

        var jobId = operation.Segments[^1].TrimEnd('/');
        _logger.LogInformation("Azure AI Language job {JobId} submitted", jobId);
        var deadline = _time.GetUtcNow() + _options.JobTimeout;
        try
        {
            while (true)
            {
                await Task.Delay(nextWait ?? _options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                using var poll = CreateMessage(RequestMethod.Get, operation.AbsoluteUri, null);
                await _pipeline.SendAsync(poll, cancellationToken).ConfigureAwait(false);
                if (poll.Response.Status != 200)
                {
                    throw ErrorFrom(poll.Response, $"job {jobId}");
                }

                nextWait = RetryAfter.From(poll.Response, _time.GetUtcNow());
                var state = JsonDocument.Parse(poll.Response.Content.ToMemory());
                var status = state.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
                switch (status)
                {
                    case "succeeded":
                    case "partiallyCompleted":
                        _logger.LogInformation("Azure AI Language job {JobId} {Status}", jobId, status);
                        return await ReadPagesAsync(state, cancellationToken).ConfigureAwait(false);
                    case "failed":
                    case "cancelled":
                    case "cancelling":
                        var error = JobError(state, jobId, status == "failed" ? "failed" : "was cancelled on the service");
                        state.Dispose();
                        throw error;
                    default:
                        state.Dispose();
                        break;
                }

                if (_time.GetUtcNow() >= deadline)
                {
                    await CancelJobAsync(jobId).ConfigureAwait(false);
                    throw new AzureLanguageException(
                        $"Azure AI Language job {jobId} did not finish within {_options.JobTimeout} (TextAnalytics:AzureLanguage:JobTimeout); it was cancelled.", 0, "JobTimeout");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelJobAsync(jobId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IReadOnlyList<JsonDocument>> ReadPagesAsync(JsonDocument first, CancellationToken cancellationToken)
    {
        var pages = new List<JsonDocument> { first };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextLink(pages[^1].RootElement) is { } next && seen.Add(next))
        {
            var url = Uri.TryCreate(next, UriKind.Absolute, out var absolute) ? absolute.AbsoluteUri : _endpoint + "/" + next.TrimStart('/');
            using var page = CreateMessage(RequestMethod.Get, url, null);
            await _pipeline.SendAsync(page, cancellationToken).ConfigureAwait(false);
            if (page.Response.Status != 200)
            {
                throw ErrorFrom(page.Response, "job result page");
            }

            pages.Add(JsonDocument.Parse(page.Response.Content.ToMemory()));
        }

        return pages;
    }

    private static string? NextLink(JsonElement root)
    {
        foreach (var name in (string[])["nextLink", "@nextLink"])
        {
            if (root.TryGetProperty(name, out var link) && link.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(link.GetString()))
            {
                return link.GetString();
            }
        }

        return null;
    }

    /// <summary>POST <c>jobs/{id}:cancel</c>, best effort: failures are logged, never thrown.</summary>
    private async Task CancelJobAsync(string jobId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
            using var cancel = CreateMessage(RequestMethod.Post, $"{_endpoint}/language/analyze-text/jobs/{Uri.EscapeDataString(jobId)}:cancel?api-version={Uri.EscapeDataString(_options.ApiVersion)}", null);
            await _pipeline.SendAsync(cancel, timeout.Token).ConfigureAwait(false);
            _logger.LogInformation("Azure AI Language job {JobId} cancel requested: {Status}", jobId, cancel.Response.Status);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            _logger.LogWarning(ex, "Azure AI Language job {JobId} could not be cancelled", jobId);
        }
    }

    private HttpMessage CreateMessage(RequestMethod method, string url, JsonObject? body)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(url));
        message.Request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        }

        return message;
    }

    private static AzureLanguageException JobError(JsonDocument state, string jobId, string what)
    {
        var details = new List<string>();
        if (state.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in errors.EnumerateArray())
            {
                var (code, message) = ServiceError(e);
                details.Add($"{code}: {message}");
            }
        }

        var reason = details.Count > 0 ? " — " + string.Join("; ", details) : string.Empty;
        return new AzureLanguageException($"Azure AI Language job {jobId} {what}{reason}.", 200, details.Count > 0 ? details[0].Split(':')[0] : null);
    }

    /// <summary>Turns an error response into a typed exception carrying the service's code and message.</summary>
    internal static AzureLanguageException ErrorFrom(Response response, string operation)
    {
        string? code = null;
        string? text = null;
        try
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                (code, text) = ServiceError(error);
            }
        }
        catch (JsonException)
        {
            text = response.Content.ToString();
        }

        text = string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase : text;
        var said = $"Azure AI Language answered {response.Status} to {operation}: {code ?? "no code"} — {text}";
        return response.Status switch
        {
            403 when IsQuota(code, text) => new AzureLanguageQuotaExceededException(
                said + ". The resource's call quota is exhausted: raise the pricing tier, wait for the quota period to reset, or set TextAnalytics:Provider to Offline.", code),
            401 => new AzureLanguageException(said + ". Check TextAnalytics:AzureLanguage:ApiKey (or the managed identity) and Endpoint.", 401, code),
            403 => new AzureLanguageException(said + ". The identity lacks access (role 'Cognitive Services Language Reader' or 'Cognitive Services User') or the resource's network rules block this caller.", 403, code),
            429 => new AzureLanguageException(said + ". Still throttled after the allowed retries (TextAnalytics:AzureLanguage:MaxRetries / MaxRetryAfter).", 429, code),
            _ => new AzureLanguageException(said + ".", response.Status, code),
        };
    }

    private static bool IsQuota(string? code, string? message) =>
        (code?.Contains("quota", StringComparison.OrdinalIgnoreCase) ?? false) || (message?.Contains("quota", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Code and message of an error object, preferring the innermost error's code when it is more specific.</summary>
    internal static (string Code, string Message) ServiceError(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error", out var nested))
        {
            error = nested;
        }

        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "Unknown";
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
        if (error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            var (innerCode, innerMessage) = ServiceError(inner);
            code = innerCode == "Unknown" ? code : innerCode;
            message = string.IsNullOrEmpty(innerMessage) || innerMessage == message ? message : $"{message} ({innerMessage})";
        }

        return (code, message);
    }

    private sealed class LanguageClientOptions : ClientOptions
    {
    }
}
