using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// The Teams <c>adaptiveCard/action</c> invoke (Action.Execute): reading its action and building the three
/// response shapes Teams accepts (a card, a message, or an error), wrapped in an HTTP 200 invoke response.
/// </summary>
public static class AdaptiveCardInvoke
{
    public const string Name = "adaptiveCard/action";
    public const string CardResponseType = "application/vnd.microsoft.card.adaptive";
    public const string MessageResponseType = "application/vnd.microsoft.activity.message";
    public const string ErrorResponseType = "application/vnd.microsoft.error";

    /// <summary>The <c>action</c> of the invoke value: its verb and the data's <c>text</c>, if any.</summary>
    public static (string? Verb, string? Text)? ReadAction(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v || !v.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? verb = action.TryGetProperty("verb", out var verbElement) && verbElement.ValueKind == JsonValueKind.String ? verbElement.GetString() : null;
        string? text = action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("text", out var textElement) && textElement.ValueKind == JsonValueKind.String
            ? textElement.GetString()
            : null;
        return (verb, text);
    }

    /// <summary>Replaces the card the user clicked with <paramref name="card"/>.</summary>
    public static InvokeResponse Card(JsonElement card) => Wrap(200, CardResponseType, JsonNode.Parse(card.GetRawText()));

    /// <summary>Shows a short message to the user who clicked.</summary>
    public static InvokeResponse Message(string text) => Wrap(200, MessageResponseType, JsonValue.Create(text));

    /// <summary>Reports an error (status 400 or 500) to the client.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) =>
        Wrap(statusCode, ErrorResponseType, new JsonObject { ["code"] = code, ["message"] = message });

    private static InvokeResponse Wrap(int statusCode, string type, JsonNode? value)
    {
        var body = new JsonObject
        {
            ["statusCode"] = statusCode,
            ["type"] = type,
            ["value"] = value,
        };
        return new InvokeResponse(200, JsonSerializer.SerializeToElement<JsonNode>(body, BotJsonContext.Default.JsonNode));
    }
}
