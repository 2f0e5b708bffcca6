using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.Insights;

/// <summary>A Teams-shaped 1:1 conversation with the real bot (POST /api/messages), replies read from the connector stub.</summary>
public sealed class StaffInsightsChat(HttpClient client, ConnectorStubServer channel, string aadObjectId, string locale = "en-US")
{
    public string ConversationId { get; } = "a:" + Guid.NewGuid().ToString("N");

    public string UserId { get; } = "29:" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Posts a message and returns the bot's direct replies to it (the acknowledgement).</summary>
    public Task<(Activity Sent, IReadOnlyList<Activity> Replies)> SayAsync(string text) => SendAsync(text, null);

    /// <summary>Posts what Teams sends when an Action.Submit button is clicked: no text, the button's data as value.</summary>
    public Task<(Activity Sent, IReadOnlyList<Activity> Replies)> ClickAsync(JsonElement data) => SendAsync(null, data);

    private async Task<(Activity Sent, IReadOnlyList<Activity> Replies)> SendAsync(string? text, JsonElement? value)
    {
        var activity = Activities.Message(channel.ServiceUrl, text ?? string.Empty, locale, "msteams", ConversationId);
        if (text is null)
        {
            activity.Text = null;
            activity.Value = value;
        }

        activity.From = new ChannelAccount { Id = UserId, Name = "Staff member", AadObjectId = aadObjectId };
        activity.Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal", TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47" };
        using var response = await Activities.PostAsync(client, activity);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"POST returned {response.StatusCode}");
        await channel.WaitForActivityAsync(a => a.ReplyToId == activity.Id && a.IsType(ActivityTypes.Message), TimeSpan.FromSeconds(30));
        return (activity, channel.SentActivities.Where(a => a.ReplyToId == activity.Id && a.IsType(ActivityTypes.Message)).ToList());
    }

    /// <summary>Waits for a card sent into this conversation on the bot's own initiative (not a reply to an activity).</summary>
    public async Task<JsonElement> WaitForProactiveCardAsync(Func<string, bool>? match = null)
    {
        var activity = await channel.WaitForActivityAsync(
            a => a.Conversation?.Id == ConversationId && a.ReplyToId is null && Card(a) is { } card && (match is null || match(card.GetRawText())),
            TimeSpan.FromSeconds(120));
        return Card(activity)!.Value;
    }

    /// <summary>Waits for a text message sent into this conversation on the bot's own initiative.</summary>
    public Task<Activity> WaitForProactiveTextAsync() => channel.WaitForActivityAsync(
        a => a.Conversation?.Id == ConversationId && a.ReplyToId is null && a.IsType(ActivityTypes.Message) && !string.IsNullOrEmpty(a.Text),
        TimeSpan.FromSeconds(120));

    public static JsonElement? Card(Activity activity) => activity.Attachments?
        .Where(a => a.ContentType == AttachmentContentTypes.AdaptiveCard && a.Content is not null)
        .Select(a => (JsonElement?)a.Content!.Value)
        .FirstOrDefault();

    /// <summary>Every text of a card (text blocks, fact titles and values), in document order.</summary>
    public static List<string> Texts(JsonElement element)
    {
        var texts = new List<string>();
        Collect(element, texts);
        return texts;
    }

    /// <summary>The label → value of the card's three-column bar rows (sentiment, indicators).</summary>
    public static Dictionary<string, string> BarRows(JsonElement card)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in card.GetProperty("body").EnumerateArray())
        {
            if (item.GetProperty("type").GetString() == "ColumnSet")
            {
                var columns = item.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("items")[0].GetProperty("text").GetString()!).ToList();
                rows[columns[0]] = columns[2];
            }
        }

        return rows;
    }

    /// <summary>The card's fact set as title → value.</summary>
    public static Dictionary<string, string> Facts(JsonElement card) => card.GetProperty("body").EnumerateArray()
        .Where(i => i.GetProperty("type").GetString() == "FactSet")
        .SelectMany(i => i.GetProperty("facts").EnumerateArray())
        .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString()!);

    /// <summary>The data of the card's Action.Submit buttons, in order.</summary>
    public static List<JsonElement> SubmitData(JsonElement element)
    {
        var found = new List<JsonElement>();
        Walk(element, found);
        return found;

        static void Walk(JsonElement e, List<JsonElement> found)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("type", out var type) && type.GetString() == "Action.Submit" && e.TryGetProperty("data", out var data))
                {
                    found.Add(data);
                }

                foreach (var property in e.EnumerateObject())
                {
                    Walk(property.Value, found);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, found);
                }
            }
        }
    }

    /// <summary>The URLs of the card's Action.OpenUrl buttons.</summary>
    public static List<Uri> Links(JsonElement card) => card.TryGetProperty("actions", out var actions)
        ? [.. actions.EnumerateArray().Where(a => a.GetProperty("type").GetString() == "Action.OpenUrl").Select(a => new Uri(a.GetProperty("url").GetString()!))]
        : [];

    private static void Collect(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "text" or "title" or "value" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        texts.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, texts);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
        }
    }
}
