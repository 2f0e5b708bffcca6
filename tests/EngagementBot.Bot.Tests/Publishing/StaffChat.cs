using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>
/// A Teams-shaped conversation with the real bot through POST /api/messages: the sender carries an Entra object id
/// (<c>from.aadObjectId</c>) and the conversation a tenant, as Teams sends them; replies are read from the connector stub.
/// </summary>
public sealed class StaffChat(HttpClient client, ConnectorStubServer channel, string? aadObjectId, string locale = "en-US")
{
    public string ConversationId { get; } = "a:teams-" + Guid.NewGuid().ToString("N");

    public string UserId { get; } = "29:" + Guid.NewGuid().ToString("N");

    public Task<Replies> SayAsync(string text) => SendAsync(Activities.Message(channel.ServiceUrl, text, locale, Channels.MsTeams, ConversationId));

    /// <summary>A card's Action.Submit (value, no text).</summary>
    public Task<Replies> SubmitAsync(string json)
    {
        var activity = Activities.Message(channel.ServiceUrl, string.Empty, locale, Channels.MsTeams, ConversationId);
        activity.Text = null;
        activity.Value = JsonDocument.Parse(json).RootElement;
        return SendAsync(activity);
    }

    private async Task<Replies> SendAsync(Activity activity)
    {
        activity.From = new ChannelAccount { Id = UserId, Name = "Dominique", AadObjectId = aadObjectId };
        activity.Conversation!.TenantId = "2b7c9a11-0000-4000-8000-0000000c17e5";
        activity.Conversation.ConversationType = "personal";
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
