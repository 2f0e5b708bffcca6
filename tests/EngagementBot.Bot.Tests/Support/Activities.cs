using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>Builders of channel-shaped activities and a helper to POST them to /api/messages.</summary>
public static class Activities
{
    /// <summary>
    /// A user's message. On <c>directline</c> it is shaped as Web Chat sends it (<c>channelData.clientActivityID</c>), the
    /// client these tests stand for; <see cref="AsGenericDirectLine"/> takes that mark off.
    /// </summary>
    public static Activity Message(string serviceUrl, string text, string locale = "en-US", string channelId = "directline", string? conversationId = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelData = channelId == Channels.DirectLine ? WebChatChannelData() : null,
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Timestamp = DateTimeOffset.UtcNow,
        Locale = locale,
        Text = text,
        From = new ChannelAccount { Id = "user-1", Name = "Camille" },
        Recipient = new ChannelAccount { Id = "bot-1", Name = "EngagementBot" },
        Conversation = new ConversationAccount { Id = conversationId ?? "conv-" + Guid.NewGuid().ToString("N") },
    };

    /// <summary>The <c>channelData</c> Web Chat 4.18 puts on every activity it posts (its id for the echo).</summary>
    public static JsonElement WebChatChannelData() =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["clientActivityID"] = Guid.NewGuid().ToString("N")[..10] });

    /// <summary>The activity as a Direct Line client other than Web Chat posts it: no Web Chat marks.</summary>
    public static Activity AsGenericDirectLine(this Activity activity)
    {
        activity.ChannelData = null;
        activity.Entities = null;
        return activity;
    }

    public static Activity ConversationStart(string serviceUrl, string locale = "en-US", string channelId = "directline") => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Locale = locale,
        From = new ChannelAccount { Id = "user-1" },
        Recipient = new ChannelAccount { Id = "bot-1", Name = "EngagementBot" },
        Conversation = new ConversationAccount { Id = "conv-" + Guid.NewGuid().ToString("N") },
        MembersAdded = [new ChannelAccount { Id = "bot-1" }, new ChannelAccount { Id = "user-1" }],
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Activity activity, string? authorization = null) =>
        PostRawAsync(client, BotJson.Serialize(activity), authorization: authorization);

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string contentType = "application/json", string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return client.SendAsync(request);
    }

    /// <summary>The problem+json detail of an error response.</summary>
    public static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("detail").GetString() ?? string.Empty;
    }
}
