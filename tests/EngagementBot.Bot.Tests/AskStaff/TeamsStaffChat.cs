using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.AskStaff;

/// <summary>
/// A staff member (or anyone) in a Teams personal chat with the bot: Teams-shaped activities (channel <c>msteams</c>,
/// <c>from.aadObjectId</c>, tenant, personal conversation) posted to /api/messages; replies read from the connector stub.
/// </summary>
public sealed class TeamsStaffChat(HttpClient client, ConnectorStubServer channel, string aadObjectId, string locale = "en-US")
{
    public const string TenantId = "3f2a1b6c-0d4e-4f5a-9b8c-7d6e5f4a3b2c";

    public string ConversationId { get; } = "a:1" + Guid.NewGuid().ToString("N");

    public string UserId { get; } = "29:" + Guid.NewGuid().ToString("N")[..12];

    public Task<Replies> SayAsync(string text) => SendAsync(Build(text));

    /// <summary>An Action.Submit from a card: Teams posts a message with <c>value</c> and no text.</summary>
    public Task<Replies> SubmitAsync(object value)
    {
        var activity = Build(string.Empty);
        activity.Text = null;
        activity.Value = JsonSerializer.SerializeToElement(value);
        return SendAsync(activity);
    }

    private Activity Build(string text)
    {
        var activity = Activities.Message(channel.ServiceUrl, text, locale, "msteams", ConversationId);
        activity.From = new ChannelAccount { Id = UserId, Name = "Staff member", AadObjectId = aadObjectId };
        activity.Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal", TenantId = TenantId };
        activity.Recipient = new ChannelAccount { Id = "28:bot-app-id", Name = "EngagementBot" };
        return activity;
    }

    private async Task<Replies> SendAsync(Activity activity)
    {
        using var response = await Activities.PostAsync(client, activity);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"POST returned {response.StatusCode}");
        await channel.WaitForActivityAsync(a => a.ReplyToId == activity.Id && a.IsType(ActivityTypes.Message), TimeSpan.FromSeconds(30));
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return new Replies([.. channel.SentActivities.Where(a => a.ReplyToId == activity.Id && a.IsType(ActivityTypes.Message))]);
    }
}
