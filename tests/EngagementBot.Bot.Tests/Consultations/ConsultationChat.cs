using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.Consultations;

/// <summary>
/// One user's conversation with the real bot (Kestrel) through POST /api/messages, replies read back from the
/// connector stub: <see cref="SayAsync"/> posts a message and returns the text of every reply to it
/// (message text, card text blocks and card fallback text), in order.
/// </summary>
public sealed class ConsultationChat(HttpClient client, ConnectorStubServer channel, string locale = "en-US", string channelId = "directline")
{
    public string ConversationId { get; } = "conv-" + Guid.NewGuid().ToString("N");

    public string UserId { get; init; } = "user-" + Guid.NewGuid().ToString("N")[..8];

    public string Locale { get; set; } = locale;

    /// <summary>On <c>directline</c>: false posts as a Direct Line client other than Web Chat (no Web Chat marks).</summary>
    public bool WebChatMarks { get; init; } = true;

    /// <summary>Posts text and waits for the turn's replies.</summary>
    public Task<Replies> SayAsync(string text) => SendAsync(Activities.Message(channel.ServiceUrl, text, Locale, channelId, ConversationId));

    /// <summary>Posts a card submit (<c>value</c> with no text).</summary>
    public Task<Replies> SubmitAsync(string json)
    {
        var activity = Activities.Message(channel.ServiceUrl, string.Empty, Locale, channelId, ConversationId);
        activity.Text = null;
        activity.Value = JsonDocument.Parse(json).RootElement;
        return SendAsync(activity);
    }

    /// <summary>Posts an activity and returns the replies to it once the bot sent at least one and stays quiet.</summary>
    public async Task<Replies> SendAsync(Activity activity)
    {
        activity.From = new ChannelAccount { Id = UserId, Name = "Citizen" };
        if (!WebChatMarks)
        {
            activity.AsGenericDirectLine();
        }

        using var response = await Activities.PostAsync(client, activity);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"POST returned {response.StatusCode}");
        await channel.WaitForActivityAsync(a => a.ReplyToId == activity.Id && a.IsType(ActivityTypes.Message), TimeSpan.FromSeconds(30));
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // The turn went on in the background: let it finish sending.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var replies = channel.SentActivities.Where(a => a.ReplyToId == activity.Id && a.IsType(ActivityTypes.Message)).ToList();
        return new Replies(replies);
    }
}

/// <summary>The replies of one turn.</summary>
public sealed record Replies(IReadOnlyList<Activity> Activities)
{
    /// <summary>All visible text of the replies, joined.</summary>
    public string Text => string.Join("\n---\n", Activities.Select(TextOf));

    /// <summary>The Adaptive Cards among the replies.</summary>
    public IEnumerable<JsonElement> Cards => Activities
        .SelectMany(a => a.Attachments ?? [])
        .Where(a => a.ContentType == AttachmentContentTypes.AdaptiveCard && a.Content is not null)
        .Select(a => a.Content!.Value);

    public void Contains(string fragment) =>
        Assert.True(Text.Contains(fragment, StringComparison.Ordinal), $"Expected «{fragment}» in the replies:\n{Text}");

    public void DoesNotContain(string fragment) =>
        Assert.False(Text.Contains(fragment, StringComparison.Ordinal), $"Did not expect «{fragment}» in the replies:\n{Text}");

    private static string TextOf(Activity activity)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(activity.Text))
        {
            parts.Add(activity.Text);
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.Content is { ValueKind: JsonValueKind.Object } card && attachment.ContentType == AttachmentContentTypes.AdaptiveCard)
            {
                if (card.TryGetProperty("body", out var body))
                {
                    parts.AddRange(body.EnumerateArray().Where(e => e.TryGetProperty("text", out _)).Select(e => e.GetProperty("text").GetString() ?? string.Empty));
                }

                if (card.TryGetProperty("fallbackText", out var fallback))
                {
                    parts.Add(fallback.GetString() ?? string.Empty);
                }
            }
            else if (attachment.Content is { } content)
            {
                parts.Add(content.GetRawText());
            }
        }

        foreach (var action in activity.SuggestedActions?.Actions ?? [])
        {
            parts.Add("[" + action.Title + "]");
        }

        return string.Join("\n", parts);
    }
}
