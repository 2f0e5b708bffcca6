using System.Net.Http.Json;
using System.Security.Claims;
using System.Threading.Channels;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Turns;

namespace EngagementBot.Bot.Tests.DirectLine;

/// <summary>
/// A stand-in for the lead's turn pipeline: records every activity and answers messages the way a bot does,
/// through plain HTTP POSTs to the activity's serviceUrl (Connector v3 routes): a typing indicator, then
/// "echo: text". A conversationUpdate that adds the user gets "welcome {user id}".
/// </summary>
internal sealed class ReplyingTestProcessor : IActivityProcessor, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly Channel<(Activity Activity, ClaimsIdentity Identity)> _received = Channel.CreateUnbounded<(Activity, ClaimsIdentity)>();

    /// <summary>When set, each turn waits for it before replying.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Turns that ran to their end.</summary>
    public int CompletedTurns => Volatile.Read(ref _completed);

    private int _completed;

    /// <summary>Failures of turns, for diagnosing a failed test.</summary>
    public List<Exception> Failures { get; } = [];

    public async Task<TurnOutcome> ProcessAsync(Activity activity, ClaimsIdentity identity, CancellationToken cancellationToken)
    {
        try
        {
            return await ReplyAsync(activity, identity, cancellationToken);
        }
        catch (Exception exception)
        {
            lock (Failures)
            {
                Failures.Add(exception);
            }

            throw;
        }
    }

    private async Task<TurnOutcome> ReplyAsync(Activity activity, ClaimsIdentity identity, CancellationToken cancellationToken)
    {
        _received.Writer.TryWrite((activity, identity));
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
            await Task.Yield();
        }

        var connector = $"{activity.ServiceUrl}/v3/conversations/{Uri.EscapeDataString(activity.Conversation!.Id!)}/activities";
        if (activity.IsType(ActivityTypes.Message))
        {
            var typing = new Activity { Type = ActivityTypes.Typing, From = activity.Recipient, Recipient = activity.From };
            (await _http.PostAsJsonAsync(connector, typing, BotJsonContext.Default.Activity, cancellationToken)).EnsureSuccessStatusCode();
            var reply = activity.CreateReply("echo: " + activity.Text);
            (await _http.PostAsJsonAsync($"{connector}/{Uri.EscapeDataString(activity.Id!)}", reply, BotJsonContext.Default.Activity, cancellationToken)).EnsureSuccessStatusCode();
        }
        else if (activity.IsType(ActivityTypes.ConversationUpdate) && activity.MembersAdded?.FirstOrDefault(m => m.Id != activity.Recipient?.Id) is { } user)
        {
            var welcome = new Activity { Type = ActivityTypes.Message, Text = "welcome " + user.Id, From = activity.Recipient, Recipient = user };
            (await _http.PostAsJsonAsync(connector, welcome, BotJsonContext.Default.Activity, cancellationToken)).EnsureSuccessStatusCode();
        }

        Interlocked.Increment(ref _completed);
        return TurnOutcome.Completed;
    }

    /// <summary>Waits until this many turns ran to their end (their replies reached the Direct Line).</summary>
    public async Task WaitForCompletedTurnsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (CompletedTurns < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>The next activity handed to the bot of the given type (skipping others).</summary>
    public async Task<(Activity Activity, ClaimsIdentity Identity)> NextAsync(string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var item = await _received.Reader.ReadAsync(timeout.Token);
            if (item.Activity.IsType(type))
            {
                return item;
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
