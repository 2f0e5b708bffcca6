using System.Text.Json;
using System.Text.Json.Serialization;

namespace EngagementBot.Bot.Protocol.Schema;

/// <summary>A user or bot on a channel.</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A conversation on a channel (1:1, group chat, Teams channel thread).</summary>
public sealed class ConversationAccount
{
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Everything needed to address a conversation later (proactive messages).</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Body of <c>POST /v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public JsonElement? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Response of <c>POST /v3/conversations</c>.</summary>
public sealed class ConversationResourceResponse
{
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A resource id returned by the connector (e.g. the id of a sent activity).</summary>
public sealed class ResourceResponse
{
    public ResourceResponse()
    {
    }

    public ResourceResponse(string? id) => Id = id;

    public string? Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One page of <c>GET /v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed class PagedMembersResult
{
    public string? ContinuationToken { get; set; }
    public List<ChannelAccount>? Members { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Response of <c>GET /v3/conversations</c>.</summary>
public sealed class ConversationsResult
{
    public string? ContinuationToken { get; set; }
    public List<ConversationMembers>? Conversations { get; set; }
}

/// <summary>A conversation and its members.</summary>
public sealed class ConversationMembers
{
    public string? Id { get; set; }
    public List<ChannelAccount>? Members { get; set; }
}

/// <summary>Error body returned by the connector and by the bot.</summary>
public sealed class ErrorResponse
{
    public Error? Error { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>An error code and message.</summary>
public sealed class Error
{
    public string? Code { get; set; }
    public string? Message { get; set; }
    public InnerHttpError? InnerHttpError { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The HTTP error a channel received from a downstream service.</summary>
public sealed class InnerHttpError
{
    public int? StatusCode { get; set; }
    public JsonElement? Body { get; set; }
}

/// <summary>The bot's answer to an <c>invoke</c> activity: HTTP status and JSON body.</summary>
public sealed class InvokeResponse
{
    public InvokeResponse()
    {
    }

    public InvokeResponse(int status, JsonElement? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; set; }
    public JsonElement? Body { get; set; }
}

/// <summary>Response body for <c>deliveryMode: expectReplies</c>.</summary>
public sealed class ExpectedReplies
{
    public List<Activity>? Activities { get; set; }
}
