using System.Net;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Protocol.Connector;

/// <summary>
/// Client of the Bot Connector REST API v3 (base address = a conversation's <c>serviceUrl</c>). Every call
/// is authenticated with the bot's token when an app id is configured and the service URL is trusted,
/// retried on transient failures (429 with Retry-After, 412, 502, 503, 504, timeouts) and bounded in
/// attempts. A failure throws <see cref="ConnectorException"/>; a user who blocked the bot throws the
/// typed <see cref="RecipientUnreachableException"/>, which is never retried.
/// </summary>
public interface IConnectorClient
{
    /// <summary><c>POST /v3/conversations/{conversationId}/activities</c>.</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>POST /v3/conversations/{conversationId}/activities/{replyToId}</c>.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>PUT /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>DELETE /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary><c>POST /v3/conversations</c>.</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    /// <summary><c>GET /v3/conversations/{conversationId}/members</c>.</summary>
    Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken);

    /// <summary><c>GET /v3/conversations/{conversationId}/members/{memberId}</c>.</summary>
    Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken);

    /// <summary><c>GET /v3/conversations/{conversationId}/pagedmembers?pageSize=&amp;continuationToken=</c>.</summary>
    Task<PagedMembersResult> GetConversationPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken);
}

/// <summary>A connector call that failed after its retries (or that must not be retried).</summary>
public class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(string message, HttpStatusCode? statusCode, ErrorResponse? error, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The last HTTP status received, or null when no response came (timeout, connection refused).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The connector's error body, when it sent one.</summary>
    public ErrorResponse? Error { get; }
}

/// <summary>The recipient blocked the bot or removed it (403 <c>MessageWritesBlocked</c>): do not retry, mark unreachable.</summary>
public sealed class RecipientUnreachableException : ConnectorException
{
    public RecipientUnreachableException()
    {
    }

    public RecipientUnreachableException(string message)
        : base(message)
    {
    }

    public RecipientUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RecipientUnreachableException(string message, HttpStatusCode? statusCode, ErrorResponse? error)
        : base(message, statusCode, error)
    {
    }
}

/// <summary>The service URL is not one the bot learned from an authenticated activity or a stored reference.</summary>
public sealed class UntrustedServiceUrlException : ConnectorException
{
    public UntrustedServiceUrlException()
    {
    }

    public UntrustedServiceUrlException(string message)
        : base(message)
    {
    }

    public UntrustedServiceUrlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
