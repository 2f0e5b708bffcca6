using System.Net;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Bot.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Messages;

/// <summary>Slow turns, failing turns and the typing indicator, through the real pipeline.</summary>
public sealed class TurnBehaviourTests : IAsyncLifetime
{
    private ConnectorStubServer _channel = null!;

    public async Task InitializeAsync() => _channel = await ConnectorStubServer.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task A_slow_turn_is_acknowledged_with_202_and_its_reply_arrives_later()
    {
        await using var bot = new BotApplicationFactory(
            new() { ["Turns:AcknowledgeAfter"] = "00:00:00.300", ["Turns:TypingDelay"] = "00:00:00.100", ["Turns:TypingPeriod"] = "00:00:00.500" },
            BotApplicationFactory.WithMiddleware<SlowOnRequestMiddleware>());
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        using var response = await Activities.PostAsync(client, Activities.Message(_channel.ServiceUrl, "slow"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(_channel.SentActivities, a => a.IsType(ActivityTypes.Message));
        var reply = await _channel.WaitForMessageAsync("finished after a while");
        Assert.NotNull(reply.ReplyToId);
        Assert.Contains(_channel.SentActivities, a => a.IsType(ActivityTypes.Typing));
    }

    [Fact]
    public async Task A_quick_turn_sends_no_typing_indicator()
    {
        await using var bot = new BotApplicationFactory();
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        using var response = await Activities.PostAsync(client, Activities.Message(_channel.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _channel.WaitForMessageAsync("Here is what I can do");
        Assert.DoesNotContain(_channel.SentActivities, a => a.IsType(ActivityTypes.Typing));
    }

    [Fact]
    public async Task A_quick_turn_leaves_no_acknowledgement_timer_behind()
    {
        // A distinctive deadline, so its timer can be told from the application's other timers.
        var acknowledgeAfter = TimeSpan.FromSeconds(7.777);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = new BotApplicationFactory(
            new() { ["Turns:AcknowledgeAfter"] = acknowledgeAfter.ToString() },
            services => services.AddSingleton<TimeProvider>(clock));
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            using var response = await Activities.PostAsync(client, Activities.Message(_channel.ServiceUrl, "help"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Each turn answered long before its deadline: no deadline timer may stay armed until it runs out.
        Assert.DoesNotContain(clock.PendingTimers(), remaining => remaining > acknowledgeAfter - TimeSpan.FromSeconds(1) && remaining <= acknowledgeAfter);
    }

    [Theory]
    [InlineData("en-US", "Sorry, something went wrong")]
    [InlineData("fr-CA", "Désolé, un problème est survenu")]
    public async Task A_failing_turn_apologizes_in_the_user_language_without_details(string locale, string apology)
    {
        await using var bot = new BotApplicationFactory(configureServices: BotApplicationFactory.WithMiddleware<ThrowOnRequestMiddleware>());
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        using var response = await Activities.PostAsync(client, Activities.Message(_channel.ServiceUrl, "boom", locale));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _channel.WaitForMessageAsync(apology);
        Assert.DoesNotContain("secret", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_invoke_returns_an_error_invoke_response()
    {
        await using var bot = new BotApplicationFactory(configureServices: BotApplicationFactory.WithMiddleware<ThrowOnRequestMiddleware>());
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var invoke = Activities.Message(_channel.ServiceUrl, "boom");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";

        using var response = await Activities.PostAsync(client, invoke);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("BotError", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Continue_conversation_sends_a_proactive_message_from_a_stored_reference_in_its_language()
    {
        await using var bot = new BotApplicationFactory();
        _ = bot.BaseAddress;
        var reference = new ConversationReference
        {
            ChannelId = Channels.MsTeams,
            ServiceUrl = _channel.ServiceUrl,
            Conversation = new ConversationAccount { Id = "a:proactive-1", TenantId = "tenant-1", ConversationType = "personal" },
            User = new ChannelAccount { Id = "29:user-1", AadObjectId = "aad-1" },
            Bot = new ChannelAccount { Id = "28:bot" },
            Locale = "fr-CA",
        };
        var continuation = bot.Services.GetRequiredService<ConversationContinuation>();

        await continuation.ContinueConversationAsync(
            reference,
            (turn, ct) => turn.SendActivityAsync(turn.Language == "fr" ? "Votre réponse est arrivée" : "Your answer arrived", ct),
            CancellationToken.None);

        var sent = await _channel.WaitForMessageAsync("Votre réponse est arrivée");
        var request = Assert.Single(_channel.Requests);
        Assert.Equal(StubOperation.SendToConversation, request.Operation);
        Assert.Equal("a:proactive-1", request.ConversationId);
        Assert.Equal("28:bot", sent.From!.Id);
        Assert.Equal("29:user-1", sent.Recipient!.Id);
        Assert.Null(sent.ReplyToId);
    }

    [Fact]
    public void Production_refuses_to_start_without_an_app_id()
    {
        using var bot = new BotApplicationFactory(environment: "Production");

        var failure = Record.Exception(() => bot.BaseAddress);

        Assert.NotNull(failure);
        Assert.Contains("MicrosoftAppId is not configured and the environment is Production", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Takes its time when the user says "slow", like a turn waiting on a slow service.</summary>
    private sealed class SlowOnRequestMiddleware : ITurnMiddleware
    {
        public async Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
        {
            if (turn.Activity.Text == "slow")
            {
                await Task.Delay(1_500, cancellationToken);
                await turn.SendActivityAsync("finished after a while", cancellationToken);
                return;
            }

            await next(cancellationToken);
        }
    }

    /// <summary>Fails when the user says "boom", like a handler with a bug.</summary>
    private sealed class ThrowOnRequestMiddleware : ITurnMiddleware
    {
        public Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken) =>
            turn.Activity.Text == "boom" ? throw new InvalidOperationException("secret internal detail") : next(cancellationToken);
    }
}
