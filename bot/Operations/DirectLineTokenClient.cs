using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Operations;

/// <summary>The Direct Line service refused or failed a token request.</summary>
public sealed class DirectLineTokenException(string message, int? upstreamStatus = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The Direct Line service's HTTP status, when it answered.</summary>
    public int? UpstreamStatus { get; } = upstreamStatus;
}

/// <summary>
/// Calls the Direct Line service's <c>POST /v3/directline/tokens/generate</c> with the secret (server-side only) and
/// returns a token bound to a fresh, random user id.
/// </summary>
public sealed class DirectLineTokenClient(HttpClient httpClient, IOptions<WebChatEmbeddingOptions> options, ILogger<DirectLineTokenClient> logger)
{
    private readonly HttpClient _httpClient = httpClient;
    private readonly WebChatEmbeddingOptions _options = options.Value;
    private readonly ILogger<DirectLineTokenClient> _logger = logger;

    /// <summary>Generates a token for a new Web Chat user on the page at <paramref name="origin"/> (an allowed origin).</summary>
    public async Task<WebChatTokenResult> GenerateAsync(string origin, CancellationToken cancellationToken)
    {
        var userId = "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var uri = new Uri(_options.DirectLineEndpoint, "v3/directline/tokens/generate");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            // Buffered (with a Content-Length), not chunked: the body is tiny.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
                new DirectLineTokenRequest(new DirectLineTokenUser(userId), [origin]), OperationsJsonContext.Default.DirectLineTokenRequest)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.DirectLineSecret);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _logger.LogWarning("Direct Line token request to {Host} failed: {Error}", uri.Host, exception.GetType().Name);
            throw new DirectLineTokenException("The Direct Line service could not be reached.", inner: exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                _logger.LogWarning("Direct Line token request to {Host} answered {Status}", uri.Host, (int)response.StatusCode);
                throw new DirectLineTokenException($"The Direct Line service answered {(int)response.StatusCode}.", (int)response.StatusCode);
            }

            DirectLineTokenResponse? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync(OperationsJsonContext.Default.DirectLineTokenResponse, timeout.Token);
            }
            catch (JsonException exception)
            {
                throw new DirectLineTokenException("The Direct Line service answered with a body that is not a token.", (int)response.StatusCode, exception);
            }

            if (string.IsNullOrEmpty(body?.Token) || string.Equals(body.Token, _options.DirectLineSecret, StringComparison.Ordinal))
            {
                throw new DirectLineTokenException("The Direct Line service answered without a token.", (int)response.StatusCode);
            }

            return new WebChatTokenResult(body.Token, body.ConversationId, body.ExpiresIn ?? 0, userId);
        }
    }
}
