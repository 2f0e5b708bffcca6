using System.Text.Json;
using System.Text.Json.Serialization;

namespace EngagementBot.Bot.Protocol.Schema;

/// <summary>A file, card or other content attached to an activity.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Well-known attachment content types.</summary>
public static class AttachmentContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    public const string Json = "application/json";
}

/// <summary>Buttons shown to the user for a quick reply; they disappear once used.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction>? Actions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A clickable action on a card or in suggested actions.</summary>
public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? ImageAltText { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonElement? Value { get; set; }
    public JsonElement? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>
/// Metadata about an activity (mention, place, client info…). The schema only fixes <c>type</c>; every
/// other property lives in <see cref="ExtensionData"/>. Use <see cref="Mention"/> for a typed view of
/// mention entities.
/// </summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A mention entity (<c>type: "mention"</c>): who was mentioned and the text that did it.</summary>
public sealed class Mention
{
    public const string EntityType = "mention";

    public ChannelAccount? Mentioned { get; set; }
    public string? Text { get; set; }
    public string? Type { get; set; } = EntityType;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A reaction (like, heart…) added to or removed from a message.</summary>
public sealed class MessageReaction
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A part of the text to highlight in the activity referenced by replyToId.</summary>
public sealed class TextHighlight
{
    public string? Text { get; set; }
    public int? Occurrence { get; set; }
}

/// <summary>A programmatic action the activity is part of.</summary>
public sealed class SemanticAction
{
    public string? State { get; set; }
    public string? Id { get; set; }
    public JsonElement? Entities { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
