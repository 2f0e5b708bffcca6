using System.Text.Json;
using System.Text.Json.Serialization;

namespace EngagementBot.Bot.Protocol.Schema;

/// <summary>
/// The one JSON contract of the Bot Framework wire format: camelCase, nulls omitted, source-generated
/// (no reflection on the hot path). Use <see cref="BotJson.Options"/> or the typed infos of
/// <see cref="BotJsonContext.Default"/> everywhere an activity crosses the wire.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ConversationsResult))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(ChannelAccount))]
[JsonSerializable(typeof(List<ChannelAccount>))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(Mention))]
[JsonSerializable(typeof(Entity))]
[JsonSerializable(typeof(Attachment))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
public sealed partial class BotJsonContext : JsonSerializerContext;

/// <summary>Shortcuts over <see cref="BotJsonContext"/>.</summary>
public static class BotJson
{
    /// <summary>Options of the source-generated context (for APIs that take options).</summary>
    public static JsonSerializerOptions Options => BotJsonContext.Default.Options;

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, BotJsonContext.Default.Activity);

    public static Activity? DeserializeActivity(string json) => JsonSerializer.Deserialize(json, BotJsonContext.Default.Activity);

    /// <summary>Reads a typed entity (e.g. <see cref="Mention"/>) out of a generic <see cref="Entity"/>.</summary>
    public static Mention? AsMention(this Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!string.Equals(entity.Type, Mention.EntityType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var element = JsonSerializer.SerializeToElement(entity, BotJsonContext.Default.Entity);
        return element.Deserialize(BotJsonContext.Default.Mention);
    }

    /// <summary>Wraps a typed mention as a generic entity for an outgoing activity.</summary>
    public static Entity ToEntity(this Mention mention)
    {
        var element = JsonSerializer.SerializeToElement(mention, BotJsonContext.Default.Mention);
        return element.Deserialize(BotJsonContext.Default.Entity)!;
    }
}
