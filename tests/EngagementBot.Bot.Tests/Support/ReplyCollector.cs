using System.Collections.Concurrent;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// A real loopback HTTP server standing in for a channel's connector: it accepts the Connector v3 send and
/// reply routes, answers <c>{"id"}</c>, and lets a test wait for the activities the bot sent.
/// Usage: <c>await using var channel = await ReplyCollector.StartAsync();</c> then use
/// <see cref="ServiceUrl"/> as the activity's serviceUrl and <c>await channel.WaitForAsync(a => …)</c>.
/// </summary>
public sealed class ReplyCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Activity> _received = new();
    private readonly SemaphoreSlim _signal = new(0);
    private int _nextId;

    private ReplyCollector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Every activity received so far, in arrival order.</summary>
    public IReadOnlyList<Activity> Received => [.. _received];

    public static async Task<ReplyCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new ReplyCollector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", collector.ReceiveAsync);
        await app.StartAsync();
        collector.ServiceUrl = app.Urls.First();
        return collector;
    }

    /// <summary>Waits until an activity matching <paramref name="match"/> has arrived (or fails after <paramref name="timeout"/>).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = _received.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching activity arrived. Received: {string.Join(" | ", _received.Select(a => $"{a.Type}:{a.Text}"))}");
            }

            await _signal.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits for the first message (not typing) whose text contains <paramref name="fragment"/>.</summary>
    public Task<Activity> WaitForMessageAsync(string fragment, TimeSpan? timeout = null) =>
        WaitForAsync(a => a.IsType(ActivityTypes.Message) && a.Text?.Contains(fragment, StringComparison.OrdinalIgnoreCase) == true, timeout);

    private async Task ReceiveAsync(HttpContext http, string conversationId)
    {
        var activity = await JsonSerializer.DeserializeAsync(http.Request.Body, BotJsonContext.Default.Activity);
        if (activity is null)
        {
            http.Response.StatusCode = 400;
            return;
        }

        activity.Conversation ??= new ConversationAccount { Id = conversationId };
        _received.Enqueue(activity);
        _signal.Release();
        http.Response.StatusCode = 200;
        await http.Response.WriteAsJsonAsync(new ResourceResponse($"reply-{Interlocked.Increment(ref _nextId)}"), BotJsonContext.Default.ResourceResponse);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signal.Dispose();
    }
}
