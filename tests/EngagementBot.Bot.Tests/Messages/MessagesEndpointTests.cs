using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.Messages;

/// <summary>The HTTP contract of POST /api/messages (local mode), against the real app on Kestrel.</summary>
public sealed class MessagesEndpointTests : BotWithChannelTests
{
    // A one-hour window: the token bucket refills continuously (20 per window), so with the default 10 s a
    // flood slowed by CPU contention would earn extra permits and the flood test would depend on timing.
    protected override Dictionary<string, string?> Settings => new() { ["Turns:RateLimitWindow"] = "01:00:00" };

    [Fact]
    public async Task Help_message_gets_the_help_reply_through_the_connector()
    {
        var activity = Activities.Message(Channel.ServiceUrl, "help");

        using var response = await Activities.PostAsync(Client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await Channel.WaitForMessageAsync("Here is what I can do");
        Assert.Equal(activity.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(activity.Id, reply.ReplyToId);
        Assert.Equal("bot-1", reply.From!.Id);
        Assert.Equal("user-1", reply.Recipient!.Id);
    }

    [Fact]
    public async Task French_locale_gets_french_help()
    {
        using var response = await Activities.PostAsync(Client, Activities.Message(Channel.ServiceUrl, "aide", locale: "fr-CA"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Channel.WaitForMessageAsync("Voici ce que je peux faire");
    }

    [Theory]
    [InlineData("en-US", "I'm EngagementBot")]
    [InlineData("fr-FR", "Je suis EngagementBot")]
    public async Task Conversation_start_is_welcomed_once_in_the_user_language(string locale, string expected)
    {
        var start = Activities.ConversationStart(Channel.ServiceUrl, locale);

        using var response = await Activities.PostAsync(Client, start);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Channel.WaitForMessageAsync(expected);
        Assert.Single(Channel.SentActivities, a => a.Conversation?.Id == start.Conversation!.Id && a.IsType(ActivityTypes.Message));
    }

    [Fact]
    public async Task Without_a_locale_theClient_info_entity_decides_the_language()
    {
        var activity = Activities.Message(Channel.ServiceUrl, "help");
        activity.Locale = null;
        activity.Entities = [new Entity { Type = "clientInfo", ExtensionData = new() { ["locale"] = JsonDocument.Parse("\"en-CA\"").RootElement } }];

        using var response = await Activities.PostAsync(Client, activity);

        // The default language is French: an English answer proves the clientInfo locale was used.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Channel.WaitForMessageAsync("Here is what I can do");
    }

    [Fact]
    public async Task Unknown_text_gets_a_friendly_pointer_to_help()
    {
        using var response = await Activities.PostAsync(Client, Activities.Message(Channel.ServiceUrl, "blorf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Channel.WaitForMessageAsync("Type **help**");
    }

    [Fact]
    public async Task Get_is_405_with_allow_header()
    {
        using var response = await Client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Contains("only POST", await Activities.ProblemDetailAsync(response));
    }

    [Fact]
    public async Task Non_json_content_type_is_415()
    {
        using var response = await Activities.PostRawAsync(Client, "hello", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await Activities.ProblemDetailAsync(response));
    }

    [Fact]
    public async Task Body_over_256_KB_is_413()
    {
        var activity = Activities.Message(Channel.ServiceUrl, new string('a', 270_000));

        using var response = await Activities.PostAsync(Client, activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("262144", await Activities.ProblemDetailAsync(response));
        Assert.Empty(Channel.SentActivities);
    }

    [Theory]
    [InlineData("", "not a valid activity")]
    [InlineData("null", "empty or null")]
    [InlineData("{\"type\":", "not a valid activity")]
    [InlineData("[1,2]", "not a valid activity")]
    [InlineData("{\"type\":5,\"channelId\":\"x\"}", "$.type")]
    [InlineData("{\"channelId\":\"directline\"}", "no 'type'")]
    [InlineData("{\"type\":\"message\"}", "no 'channelId'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"directline\",\"conversation\":{\"id\":\"c\"}}", "no 'serviceUrl'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"directline\",\"serviceUrl\":\"ftp://x\",\"conversation\":{\"id\":\"c\"}}", "not an absolute http(s) URL")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"directline\",\"serviceUrl\":\"http://127.0.0.1:1\"}", "no 'conversation.id'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"directline\",\"serviceUrl\":\"http://127.0.0.1:1\",\"conversation\":{\"id\":\"c\"},\"timestamp\":\"yesterday\"}", "$.timestamp")]
    [InlineData("{\"type\":\"invoke\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1:1\",\"conversation\":{\"id\":\"c\"}}", "must have a 'name'")]
    public async Task Invalid_bodies_are_400_with_the_reason(string body, string reason)
    {
        using var response = await Activities.PostRawAsync(Client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await Activities.ProblemDetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_mode_refuses_to_answer_a_non_loopback_service_url()
    {
        using var response = await Activities.PostAsync(Client, Activities.Message("https://smba.trafficmanager.net/amer/", "help"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("loopback", await Activities.ProblemDetailAsync(response));
    }

    [Fact]
    public async Task Unhandled_invoke_is_501()
    {
        var invoke = Activities.Message(Channel.ServiceUrl, string.Empty);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "composeExtension/query";

        using var response = await Activities.PostAsync(Client, invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("composeExtension/query", await Activities.ProblemDetailAsync(response));
    }

    [Fact]
    public async Task Teams_adaptive_card_action_gets_the_teams_invoke_response_shape()
    {
        var invoke = Activities.Message(Channel.ServiceUrl, string.Empty, channelId: Channels.MsTeams);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonDocument.Parse("""{"action":{"type":"Action.Execute","verb":"help","data":{}}}""").RootElement;

        using var response = await Activities.PostAsync(Client, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Done.", body.RootElement.GetProperty("value").GetString());
        await Channel.WaitForMessageAsync("Here is what I can do");
    }

    [Fact]
    public async Task Adaptive_card_action_without_action_is_a_teams_error_response()
    {
        var invoke = Activities.Message(Channel.ServiceUrl, string.Empty, channelId: Channels.MsTeams);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonDocument.Parse("""{"nothing":true}""").RootElement;

        using var response = await Activities.PostAsync(Client, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Expect_replies_returns_the_replies_in_the_response_and_sends_nothing()
    {
        var activity = Activities.Message(Channel.ServiceUrl, "help");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        using var response = await Activities.PostAsync(Client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), BotJsonContext.Default.ExpectedReplies);
        var reply = Assert.Single(replies!.Activities!);
        Assert.Contains("Here is what I can do", reply.Text, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Empty(Channel.SentActivities);
    }

    [Fact]
    public async Task Teams_mention_of_theBot_is_stripped_before_routing()
    {
        var activity = Activities.Message(Channel.ServiceUrl, "<at>EngagementBot</at> help", channelId: Channels.MsTeams);
        activity.Entities =
        [
            new Mention { Mentioned = new ChannelAccount { Id = "bot-1", Name = "EngagementBot" }, Text = "<at>EngagementBot</at>" }.ToEntity(),
        ];

        using var response = await Activities.PostAsync(Client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Channel.WaitForMessageAsync("Here is what I can do");
    }

    [Fact]
    public async Task Too_long_text_gets_a_polite_refusal_not_an_error()
    {
        using var response = await Activities.PostAsync(Client, Activities.Message(Channel.ServiceUrl, new string('x', 6_000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Channel.WaitForMessageAsync("too long");
    }

    [Fact]
    public async Task A_flood_from_one_conversation_is_slowed_down_with_one_polite_reply()
    {
        const string conversation = "flood-conversation";
        for (var i = 0; i < 30; i++)
        {
            using var response = await Activities.PostAsync(Client, Activities.Message(Channel.ServiceUrl, "blorf", conversationId: conversation));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Channel.WaitForMessageAsync("faster than I can read");
        await Channel.WaitForActivityAsync(_ => Channel.SentActivities.Count(IsAnswer) >= 20);
        var sent = Channel.SentActivities;
        Assert.True(sent.Count(IsAnswer) == 20, $"expected 20 answers, got {sent.Count(IsAnswer)}: {string.Join(" | ", sent.Select(a => a.Text))}");
        Assert.Single(sent, a => a.Text?.Contains("faster than I can read", StringComparison.Ordinal) == true);

        // Another conversation is not affected.
        using var other = await Activities.PostAsync(Client, Activities.Message(Channel.ServiceUrl, "help"));
        await Channel.WaitForMessageAsync("Here is what I can do");
    }

    private static bool IsAnswer(Activity activity) => activity.Text?.Contains("Type **help**", StringComparison.Ordinal) == true;

    [Fact]
    public async Task Unknown_activity_types_are_accepted_and_ignored()
    {
        var activity = Activities.Message(Channel.ServiceUrl, "x");
        activity.Type = "somethingNew";

        using var response = await Activities.PostAsync(Client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(Channel.SentActivities);
    }
}
