using System.Text.Json;
using System.Text.Json.Serialization;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.DirectLine;

/// <summary>Direct Line 3.0 <c>Conversation</c>: a conversation and the token scoped to it.</summary>
internal sealed class DirectLineConversationResponse
{
    public string? ConversationId { get; set; }

    public string? Token { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }

    public string? StreamUrl { get; set; }
}

/// <summary>Direct Line 3.0 <c>ActivitySet</c>: activities and the watermark after them.</summary>
internal sealed class DirectLineActivitySet
{
    public List<Activity> Activities { get; set; } = [];

    public string? Watermark { get; set; }
}

/// <summary>
/// Body of <c>POST /tokens/generate</c> (Direct Line <c>TokenParameters</c>) and of <c>POST /conversations</c>
/// (which Web Chat sends as <c>{ user, locale }</c>).
/// </summary>
internal sealed class DirectLineStartParameters
{
    public ChannelAccount? User { get; set; }

    public string? Locale { get; set; }

    public List<string>? TrustedOrigins { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Source-generated JSON for the Direct Line wire types, with the same contract as <see cref="BotJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    MaxDepth = 64)]
[JsonSerializable(typeof(DirectLineConversationResponse))]
[JsonSerializable(typeof(DirectLineActivitySet))]
[JsonSerializable(typeof(DirectLineStartParameters))]
internal sealed partial class DirectLineJsonContext : JsonSerializerContext;
