using System.Net;
using EngagementBot.Bot.DirectLine;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Tests.DirectLine;

/// <summary>Configuration, limits, shutdown and the bot's own origin of the embedded Direct Line.</summary>
public sealed class DirectLineHostingTests
{
    [Fact]
    public async Task New_conversations_are_refused_with_429_beyond_the_cap()
    {
        await using var host = await DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:MaxConversations"] = "2" });
        await host.StartConversationAsync();
        await host.StartConversationAsync();

        using var third = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token: null);

        await DirectLineProtocolTests.AssertProblemAsync(third, HttpStatusCode.TooManyRequests, "TooManyConversations");
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact]
    public async Task Once_idle_conversations_expire_the_cap_makes_room_again()
    {
        await using var host = await DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:MaxConversations"] = "1" });
        await host.StartConversationAsync();
        await host.Processor.WaitForCompletedTurnsAsync(1); // the welcome touches the conversation: let it arrive first
        host.Time.Advance(TimeSpan.FromMinutes(31));

        using var next = await host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token: null);

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public async Task The_history_of_a_conversation_is_bounded()
    {
        await using var host = await DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:MaxHistory"] = "3" });
        var conversation = await host.StartConversationAsync(userId: null);
        for (var i = 0; i < 5; i++)
        {
            using var sent = await host.SendAsync(HttpMethod.Post, $"/v3/conversations/{conversation.Id}/activities", token: null, $$"""{"type":"message","text":"n{{i}}"}""");
            sent.EnsureSuccessStatusCode();
        }

        using var response = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token);
        var set = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);

        Assert.Equal(["n2", "n3", "n4"], set.GetProperty("activities").EnumerateArray().Select(DirectLineTestHost.TextOf));
        Assert.Equal("5", set.GetProperty("watermark").GetString());
    }

    [Fact]
    public async Task Shutdown_waits_for_running_turns()
    {
        var host = await DirectLineTestHost.StartAsync();
        var conversation = await host.StartConversationAsync(userId: null);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Processor.Gate = gate;
        using (var posted = await host.PostMessageAsync(conversation, "slow", "c-1"))
        {
            posted.EnsureSuccessStatusCode();
        }

        await host.Processor.NextAsync(ActivityTypes.ConversationUpdate);
        var stopping = host.App.StopAsync();
        gate.SetResult();
        await stopping;

        Assert.Empty(host.Processor.Failures);
        Assert.Equal(2, host.Processor.CompletedTurns); // the conversationUpdate and the message
        Assert.Equal(0, host.App.Services.GetRequiredService<DirectLineTurnDispatcher>().RunningCount);
        await host.App.DisposeAsync();
    }

    [Fact]
    public async Task An_idle_stream_gets_empty_keep_alive_frames()
    {
        await using var host = await DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:KeepAliveSeconds"] = "1" });
        var conversation = await host.StartConversationAsync(userId: null);
        using var socket = await DirectLineTestHost.ConnectAsync(conversation.StreamUrl);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var frame = await socket.ReceiveAsync(new byte[1024], timeout.Token);

        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Text, frame.MessageType);
        Assert.True(frame.EndOfMessage);
        Assert.Equal(0, frame.Count);
    }

    [Theory]
    [InlineData("DirectLine:TokenLifetimeSeconds", "5", "DirectLine:TokenLifetimeSeconds")]
    [InlineData("DirectLine:MaxConversations", "0", "DirectLine:MaxConversations")]
    [InlineData("DirectLine:IdleExpiryMinutes", "0", "DirectLine:IdleExpiryMinutes")]
    [InlineData("DirectLine:MaxHistory", "0", "DirectLine:MaxHistory")]
    [InlineData("DirectLine:ServiceUrl", "ftp://example", "DirectLine:ServiceUrl")]
    public async Task A_wrong_setting_stops_start_up_with_a_message_naming_it(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DirectLineTestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_ServiceUrl_wins_over_the_listen_address_and_is_trusted()
    {
        await using var host = await DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:ServiceUrl"] = "http://127.0.0.1:9/bot/" });

        var serviceUrl = host.App.Services.GetRequiredService<DirectLineServiceUrl>().Value;

        Assert.Equal("http://127.0.0.1:9/bot", serviceUrl);
        Assert.True(host.App.Services.GetRequiredService<EngagementBot.Bot.Protocol.ITrustedServiceUrls>().IsTrusted(serviceUrl));
    }

    [Fact]
    public async Task Disabled_maps_nothing()
    {
        await using var host = await DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:Enabled"] = "false" });

        using var response = await host.Http.PostAsync("/v3/directline/tokens/generate", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:3978", "http://127.0.0.1:3978")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000")]
    [InlineData("http://+:80", "http://127.0.0.1")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:1234", "http://127.0.0.1:1234")]
    [InlineData("http://[::1]:3978", "http://127.0.0.1:3978")]
    [InlineData("http://10.1.2.3:3978", "http://10.1.2.3:3978")]
    [InlineData("https://localhost:5001", "https://localhost:5001")]
    public void Listen_addresses_become_an_origin_the_bot_can_call(string address, string origin)
    {
        Assert.Equal(origin, DirectLineServiceUrl.ToOrigin(address));
    }
}
