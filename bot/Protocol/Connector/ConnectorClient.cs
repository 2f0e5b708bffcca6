using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EngagementBot.Bot.Protocol.Connector.Credentials;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace EngagementBot.Bot.Protocol.Connector;

/// <summary>
/// <see cref="IConnectorClient"/> over a typed <see cref="HttpClient"/>. Paths follow the Connector v3 Swagger
/// with every id escaped as one path segment; bodies use <see cref="BotJsonContext"/>. With an app id the
/// service URL must be trusted (<see cref="ITrustedServiceUrls"/>) before anything is sent, and each attempt
/// carries a fresh bearer token; in local mode requests go out without Authorization. Transient failures are
/// retried by the shared <see cref="ConnectorResiliencePipeline"/>.
/// </summary>
public sealed partial class ConnectorClient : IConnectorClient
{
    private static readonly HttpStatusCode[] WriteAccepted = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted];
    private static readonly HttpStatusCode[] DeleteAccepted = [HttpStatusCode.OK, HttpStatusCode.Accepted];
    private static readonly HttpStatusCode[] ReadAccepted = [HttpStatusCode.OK];

    private readonly HttpClient _httpClient;
    private readonly IBotTokenProvider _tokenProvider;
    private readonly ITrustedServiceUrls _trustedServiceUrls;
    private readonly BotIdentityOptions _identity;
    private readonly ConnectorResiliencePipeline _resilience;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClient(
        HttpClient httpClient,
        IBotTokenProvider tokenProvider,
        ITrustedServiceUrls trustedServiceUrls,
        IOptions<BotIdentityOptions> identity,
        ConnectorResiliencePipeline resilience,
        ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _httpClient = httpClient;
        _tokenProvider = tokenProvider;
        _trustedServiceUrls = trustedServiceUrls;
        _identity = identity.Value;
        _resilience = resilience;
        _logger = logger;
    }

    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var request = new ConnectorRequest(
            "SendToConversation", HttpMethod.Post, serviceUrl, $"v3/conversations/{Segment(conversationId)}/activities",
            Serialize(activity, BotJsonContext.Default.Activity), WriteAccepted);
        return await SendAsync(request, BotJsonContext.Default.ResourceResponse, cancellationToken) ?? new ResourceResponse();
    }

    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var request = new ConnectorRequest(
            "ReplyToActivity", HttpMethod.Post, serviceUrl, $"v3/conversations/{Segment(conversationId)}/activities/{Segment(replyToId)}",
            Serialize(activity, BotJsonContext.Default.Activity), WriteAccepted);
        return await SendAsync(request, BotJsonContext.Default.ResourceResponse, cancellationToken) ?? new ResourceResponse();
    }

    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var request = new ConnectorRequest(
            "UpdateActivity", HttpMethod.Put, serviceUrl, $"v3/conversations/{Segment(conversationId)}/activities/{Segment(activityId)}",
            Serialize(activity, BotJsonContext.Default.Activity), WriteAccepted);
        return await SendAsync(request, BotJsonContext.Default.ResourceResponse, cancellationToken) ?? new ResourceResponse();
    }

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var request = new ConnectorRequest(
            "DeleteActivity", HttpMethod.Delete, serviceUrl, $"v3/conversations/{Segment(conversationId)}/activities/{Segment(activityId)}",
            null, DeleteAccepted);
        await SendAsync<object>(request, null, cancellationToken);
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var request = new ConnectorRequest(
            "CreateConversation", HttpMethod.Post, serviceUrl, "v3/conversations",
            Serialize(parameters, BotJsonContext.Default.ConversationParameters), WriteAccepted);
        return await SendAsync(request, BotJsonContext.Default.ConversationResourceResponse, cancellationToken) ?? new ConversationResourceResponse();
    }

    public async Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var request = new ConnectorRequest(
            "GetConversationMembers", HttpMethod.Get, serviceUrl, $"v3/conversations/{Segment(conversationId)}/members", null, ReadAccepted);
        return await SendAsync(request, BotJsonContext.Default.ListChannelAccount, cancellationToken) ?? throw EmptyBody(request);
    }

    public async Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var request = new ConnectorRequest(
            "GetConversationMember", HttpMethod.Get, serviceUrl, $"v3/conversations/{Segment(conversationId)}/members/{Segment(memberId)}",
            null, ReadAccepted);
        return await SendAsync(request, BotJsonContext.Default.ChannelAccount, cancellationToken) ?? throw EmptyBody(request);
    }

    public async Task<PagedMembersResult> GetConversationPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (pageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "pageSize must be positive when given.");
        }

        var query = new List<string>(2);
        if (pageSize is { } size)
        {
            query.Add("pageSize=" + size.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(continuationToken));
        }

        var path = $"v3/conversations/{Segment(conversationId)}/pagedmembers" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var request = new ConnectorRequest("GetConversationPagedMembers", HttpMethod.Get, serviceUrl, path, null, ReadAccepted);
        return await SendAsync(request, BotJsonContext.Default.PagedMembersResult, cancellationToken) ?? throw EmptyBody(request);
    }

    /// <summary>An id as a single, fully escaped path segment (Teams ids hold ':', '@', ';', '/').</summary>
    private static string Segment(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? parameterName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        return Uri.EscapeDataString(id);
    }

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private static ConnectorException EmptyBody(ConnectorRequest request) =>
        new($"The connector answered {request.Operation} without a body.", HttpStatusCode.OK, null);

    private async Task<T?> SendAsync<T>(ConnectorRequest request, JsonTypeInfo<T>? responseType, CancellationToken cancellationToken)
    {
        var requestUri = ResolveRequestUri(request);
        using var response = await ExecuteWithRetriesAsync(request, requestUri, cancellationToken);
        if (Array.IndexOf(request.AcceptedStatuses, response.StatusCode) < 0)
        {
            throw await CreateFailureAsync(request, response, cancellationToken);
        }

        LogSent(request.Operation, requestUri.Host, (int)response.StatusCode);
        if (responseType is null || response.Content.Headers.ContentLength == 0)
        {
            return default;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(responseType, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new ConnectorException(
                $"The connector answered {request.Operation} with a body that is not valid JSON.", response.StatusCode, null, exception);
        }
    }

    /// <summary>Checks the service URL (and, with an app id, that it is trusted) before anything is sent.</summary>
    private Uri ResolveRequestUri(ConnectorRequest request)
    {
        if (!Uri.TryCreate(request.ServiceUrl, UriKind.Absolute, out var serviceUri)
            || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"serviceUrl must be an absolute http(s) URL, got '{request.ServiceUrl}'.", "serviceUrl");
        }

        if (!_identity.IsLocalMode && !_trustedServiceUrls.IsTrusted(request.ServiceUrl))
        {
            LogUntrusted(request.Operation, serviceUri.Host);
            throw new UntrustedServiceUrlException(
                $"Refusing to call {request.Operation} on '{serviceUri.GetLeftPart(UriPartial.Authority)}': the service URL did not arrive on an authenticated activity or a stored conversation reference, so the bot's token must not be sent there.");
        }

        var basePath = serviceUri.GetLeftPart(UriPartial.Path);
        return new Uri(new Uri(basePath.EndsWith('/') ? basePath : basePath + "/"), request.RelativePath);
    }

    private async Task<HttpResponseMessage> ExecuteWithRetriesAsync(ConnectorRequest request, Uri requestUri, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectorResiliencePipeline.OperationKey, request.Operation);
        try
        {
            return await _resilience.Pipeline.ExecuteAsync(
                static (ctx, state) => state.Client.SendOnceAsync(state.Request, state.Uri, ctx.CancellationToken),
                context,
                (Client: this, Request: request, Uri: requestUri));
        }
        catch (TimeoutRejectedException exception)
        {
            throw new ConnectorException(
                $"The connector did not answer {request.Operation} within {_resilience.AttemptTimeout} (gave up after at most {_resilience.MaxAttempts} attempts).",
                null, null, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new ConnectorException(
                $"Could not reach the connector for {request.Operation} (gave up after at most {_resilience.MaxAttempts} attempts): {exception.Message}",
                null, null, exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: a new request message (they cannot be re-sent) with a current token.</summary>
    private async ValueTask<HttpResponseMessage> SendOnceAsync(ConnectorRequest request, Uri requestUri, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, requestUri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        if (!_identity.IsLocalMode)
        {
            var token = await GetTokenAsync(cancellationToken);
            if (token is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        return await _httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _tokenProvider.GetAccessTokenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ConnectorException)
        {
            throw new ConnectorException(
                "Could not obtain the bot's access token for the Bot Connector: check MicrosoftAppId, MicrosoftAppTenantId and the credential (MicrosoftAppPassword, MicrosoftAppCertificate*, or the managed identity).",
                null, null, exception);
        }
    }

    private async Task<ConnectorException> CreateFailureAsync(ConnectorRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await TryReadErrorAsync(response, cancellationToken);
        var status = response.StatusCode;
        var code = error?.Error?.Code;
        var detail = code is null ? string.Empty : $" ({code}: {error?.Error?.Message})";
        if (ConnectorErrorClassifier.IsRecipientUnreachable(status, code))
        {
            LogUnreachable(request.Operation, (int)status, code!);
            return new RecipientUnreachableException(
                $"The recipient of {request.Operation} cannot be reached: HTTP {(int)status}{detail}.", status, error);
        }

        LogFailed(request.Operation, (int)status, code);
        return new ConnectorException($"Connector {request.Operation} failed with HTTP {(int)status} {status}{detail}.", status, error);
    }

    private static async Task<ErrorResponse?> TryReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(BotJsonContext.Default.ErrorResponse, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Operation} to {Host} answered {Status}")]
    private partial void LogSent(string operation, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused connector {Operation} to untrusted service URL host {Host}: no request sent")]
    private partial void LogUntrusted(string operation, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Operation}: recipient unreachable (HTTP {Status}, {ErrorCode})")]
    private partial void LogUnreachable(string operation, int status, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Operation} failed with HTTP {Status} ({ErrorCode})")]
    private partial void LogFailed(string operation, int status, string? errorCode);

    /// <summary>What to send, built once per call and turned into a new message for each attempt.</summary>
    private sealed record ConnectorRequest(
        string Operation, HttpMethod Method, string ServiceUrl, string RelativePath, byte[]? Body, HttpStatusCode[] AcceptedStatuses);
}
