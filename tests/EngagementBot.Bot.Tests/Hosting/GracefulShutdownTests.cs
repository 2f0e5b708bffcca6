using System.Net;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Bot.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EngagementBot.Bot.Tests.Hosting;

/// <summary>
/// Graceful shutdown (issue 8, "finishes in-flight turns"): a turn acknowledged with 202 that is still running when the
/// host is asked to stop sends its reply before the process goes away, instead of being cut off.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private ConnectorStubServer _channel = null!;

    public async Task InitializeAsync() => _channel = await ConnectorStubServer.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task Stopping_the_host_waits_for_a_background_turn_and_its_reply_is_sent()
    {
        var gate = new TurnGate();
        var bot = new BotApplicationFactory(
            new() { ["Turns:AcknowledgeAfter"] = "00:00:00.200", ["Operations:ShutdownTimeout"] = "00:00:30" },
            services =>
            {
                services.AddSingleton(gate);
                BotApplicationFactory.WithMiddleware<GatedTurnMiddleware>()(services);
            });
        Task? stopping = null;
        try
        {
            using var client = new HttpClient { BaseAddress = bot.BaseAddress };
            using var response = await Activities.PostAsync(client, Activities.Message(_channel.ServiceUrl, "long job"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var lifetime = bot.Services.GetRequiredService<IHostApplicationLifetime>();
            var tracker = bot.Services.GetRequiredService<BackgroundTurnTracker>();
            Assert.Equal(1, tracker.Count);

            // Stop the host (what SIGTERM does) while the turn is still running: the stop waits for it.
            stopping = bot.DisposeAsync().AsTask();
            await WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested);
            Assert.False(stopping.IsCompleted, "the host stopped with a turn still running");
            Assert.DoesNotContain(_channel.SentActivities, a => a.IsType(ActivityTypes.Message));

            gate.Release.TrySetResult();
            await stopping.WaitAsync(TimeSpan.FromSeconds(60));

            var reply = Assert.Single(_channel.SentActivities, a => a.IsType(ActivityTypes.Message));
            Assert.Equal("the long job is done", reply.Text);
            Assert.NotNull(reply.ReplyToId);
            Assert.Equal(0, tracker.Count);
        }
        finally
        {
            gate.Release.TrySetResult();
            await (stopping ?? bot.DisposeAsync().AsTask());
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Lets the test decide when the long turn ends.</summary>
    private sealed class TurnGate
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>"long job": waits for the test's signal (not for the turn's token), then replies.</summary>
    private sealed class GatedTurnMiddleware(TurnGate gate) : ITurnMiddleware
    {
        public async Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
        {
            if (turn.Activity.Text == "long job")
            {
                gate.Started.TrySetResult();
                await gate.Release.Task.WaitAsync(cancellationToken);
                await turn.SendActivityAsync("the long job is done", cancellationToken);
                return;
            }

            await next(cancellationToken);
        }
    }
}
