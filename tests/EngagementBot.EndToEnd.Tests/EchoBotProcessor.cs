using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Claims;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Turns;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// A minimal bot for the page tests until the real turn pipeline is wired: greets new members in the
/// conversation's language ("Bienvenue sur EngagementBot" / "Welcome to EngagementBot") and echoes messages,
/// replying through plain HTTP POSTs to the Connector v3 routes at the activity's serviceUrl.
/// </summary>
internal sealed class EchoBotProcessor : IActivityProcessor, IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Every activity the bot received, in arrival order.</summary>
    public ConcurrentQueue<Activity> Received { get; } = new();

    public async Task<TurnOutcome> ProcessAsync(Activity activity, ClaimsIdentity identity, CancellationToken cancellationToken)
    {
        Received.Enqueue(activity);
        string? text = null;
        if (activity.IsType(ActivityTypes.ConversationUpdate) && activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true)
        {
            text = activity.Locale?.StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true ? "Bienvenue sur EngagementBot" : "Welcome to EngagementBot";
        }
        else if (activity.IsType(ActivityTypes.Message))
        {
            text = "echo: " + activity.Text;
        }

        if (text is not null)
        {
            var reply = activity.CreateReply(text);
            var url = $"{activity.ServiceUrl}/v3/conversations/{Uri.EscapeDataString(activity.Conversation!.Id!)}/activities";
            using var response = await _http.PostAsJsonAsync(url, reply, BotJsonContext.Default.Activity, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        return TurnOutcome.Completed;
    }

    public void Dispose() => _http.Dispose();
}
