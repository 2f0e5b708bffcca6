using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Tests.Schema;

/// <summary>The wire format: camelCase, nulls omitted, unknown properties kept and written back.</summary>
public sealed class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1699999999999",
          "timestamp": "2026-11-22T10:00:00.123Z",
          "localTimestamp": "2026-11-22T05:00:00.123-05:00",
          "localTimezone": "America/Toronto",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Camille", "aadObjectId": "00000000-0000-0000-0000-000000000001", "futureAccountField": 7 },
          "conversation": { "conversationType": "personal", "tenantId": "tenant-1", "id": "a:1xyz", "isGroup": false },
          "recipient": { "id": "28:bot", "name": "EngagementBot" },
          "textFormat": "plain",
          "locale": "fr-CA",
          "text": "<at>EngagementBot</at> bonjour",
          "entities": [
            { "type": "mention", "mentioned": { "id": "28:bot", "name": "EngagementBot" }, "text": "<at>EngagementBot</at>" },
            { "type": "clientInfo", "locale": "fr-CA", "country": "CA", "platform": "Web", "timezone": "America/Toronto" }
          ],
          "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive", "content": { "type": "AdaptiveCard", "version": "1.5", "body": [] }, "extra": [1, 2] } ],
          "suggestedActions": { "to": ["29:1abc"], "actions": [ { "type": "imBack", "title": "Oui", "value": "oui", "unknownAction": true } ] },
          "channelData": { "tenant": { "id": "tenant-1" }, "clientActivityID": "abc" },
          "value": { "choice": "2" },
          "relatesTo": { "activityId": "9", "channelId": "msteams", "serviceUrl": "https://x/", "conversation": { "id": "c" } },
          "textHighlights": [ { "text": "bonjour", "occurrence": 1 } ],
          "semanticAction": { "id": "sa", "state": "start", "entities": { "a": { "type": "x" } } },
          "listenFor": ["oui", "non"],
          "deliveryMode": "normal",
          "importance": "high",
          "expiration": "2026-12-01T00:00:00Z",
          "brandNewTopLevelField": { "nested": [true, null, 3.5] },
          "anotherUnknown": "kept"
        }
        """;

    [Fact]
    public void Every_field_and_every_unknown_property_round_trips()
    {
        var activity = BotJson.DeserializeActivity(TeamsMessage)!;

        var written = JsonNode.Parse(BotJson.Serialize(activity))!;
        var original = JsonNode.Parse(TeamsMessage)!;

        Assert.True(JsonNode.DeepEquals(Normalize(original), Normalize(written)), $"Round trip changed the activity:\n{written}");
    }

    [Fact]
    public void Known_fields_are_typed()
    {
        var activity = BotJson.DeserializeActivity(TeamsMessage)!;

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("00000000-0000-0000-0000-000000000001", activity.From!.AadObjectId);
        Assert.Equal("tenant-1", activity.Conversation!.TenantId);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal("kept", activity.ExtensionData!["anotherUnknown"].GetString());
        var mention = activity.Entities![0].AsMention();
        Assert.Equal("28:bot", mention!.Mentioned!.Id);
        Assert.Null(activity.Entities[1].AsMention());
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var json = BotJson.Serialize(new Activity { Type = ActivityTypes.Message, Text = "hi", ReplyToId = "1" });

        Assert.Equal("""{"type":"message","text":"hi","replyToId":"1"}""", json);
    }

    [Fact]
    public void Create_reply_swaps_the_parties_and_keeps_the_conversation()
    {
        var activity = BotJson.DeserializeActivity(TeamsMessage)!;

        var reply = activity.CreateReply("salut");

        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("29:1abc", reply.Recipient!.Id);
        Assert.Equal("a:1xyz", reply.Conversation!.Id);
        Assert.Equal(activity.Id, reply.ReplyToId);
        Assert.Equal(activity.ServiceUrl, reply.ServiceUrl);
        Assert.Equal("fr-CA", reply.Locale);
    }

    [Fact]
    public void Conversation_reference_carries_what_a_proactive_send_needs()
    {
        var reference = BotJson.DeserializeActivity(TeamsMessage)!.GetConversationReference();

        Assert.Equal("msteams", reference.ChannelId);
        Assert.Equal("https://smba.trafficmanager.net/amer/", reference.ServiceUrl);
        Assert.Equal("a:1xyz", reference.Conversation!.Id);
        Assert.Equal("tenant-1", reference.Conversation.TenantId);
        Assert.Equal("00000000-0000-0000-0000-000000000001", reference.User!.AadObjectId);
        Assert.Equal("28:bot", reference.Bot!.Id);
        var json = JsonSerializer.Serialize(reference, BotJsonContext.Default.ConversationReference);
        Assert.Contains("\"activityId\":\"1699999999999\"", json, StringComparison.Ordinal);
    }

    /// <summary>Timestamps may be re-written in an equivalent form; compare them as instants.</summary>
    private static JsonNode Normalize(JsonNode node)
    {
        foreach (var key in new[] { "timestamp", "localTimestamp", "expiration" })
        {
            if (node[key] is JsonValue value && DateTimeOffset.TryParse(value.GetValue<string>(), out var instant))
            {
                node[key] = instant.ToUniversalTime().ToString("O");
            }
        }

        return node;
    }
}
