using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementBot.EndToEnd.Tests.AskStaff;

/// <summary>
/// The Teams side of the Bot Connector on 127.0.0.1: accepts the bot's replies (POST /v3/conversations/{id}/activities[/{replyTo}])
/// and records them, so a test can play a staff member in Teams.
/// </summary>
public sealed class TeamsConnectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Activity> _received = new();
    private int _sequence;

    private TeamsConnectorStub(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = string.Empty;

    public IReadOnlyList<Activity> Received => [.. _received];

    public static async Task<TeamsConnectorStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new TeamsConnectorStub(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", (Delegate)stub.ReceiveAsync);
        await app.StartAsync();
        stub.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return stub;
    }

    /// <summary>Waits (bounded) for a message the bot sent whose text or card matches.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var activity in _received)
            {
                var content = activity.Text + "\n" + string.Join("\n", (activity.Attachments ?? []).Select(a => a.Content?.GetRawText()));
                if (activity.IsType(ActivityTypes.Message) && match(activity, content))
                {
                    return activity;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No matching message from the bot. Received: " + string.Join(" | ", _received.Select(a => a.Text)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var activity = await JsonSerializer.DeserializeAsync(context.Request.Body, BotJsonContext.Default.Activity, context.RequestAborted);
        if (activity is not null)
        {
            _received.Enqueue(activity);
        }

        return Results.Json(new { id = $"activity-{Interlocked.Increment(ref _sequence)}" });
    }
}
