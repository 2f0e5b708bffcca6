using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EngagementBot.Bot.DirectLine;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.DirectLine;

/// <summary>Direct Line 3.0 as Web Chat uses it, against a real Kestrel server.</summary>
public sealed class DirectLineProtocolTests : IAsyncLifetime
{
    private DirectLineTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectLineTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GenerateToken_returns_an_expiring_token_bound_to_a_new_conversation()
    {
        using var first = await _host.Http.PostAsync("/v3/directline/tokens/generate", null);
        using var second = await _host.Http.PostAsync("/v3/directline/tokens/generate", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3600, a.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(a.GetProperty("token").GetString()));
        Assert.NotEqual(a.GetProperty("conversationId").GetString(), b.GetProperty("conversationId").GetString());
        Assert.NotEqual(a.GetProperty("token").GetString(), b.GetProperty("token").GetString());
    }

    [Fact]
    public async Task StartConversation_with_a_generated_token_returns_201_then_200_for_the_same_conversation()
    {
        using var generate = await _host.Http.PostAsync("/v3/directline/tokens/generate", null);
        var generated = await generate.Content.ReadFromJsonAsync<JsonElement>();
        var token = generated.GetProperty("token").GetString();

        using var created = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        using var again = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = generated.GetProperty("conversationId").GetString();
        Assert.Equal(conversationId, body.GetProperty("conversationId").GetString());
        Assert.Equal(token, body.GetProperty("token").GetString());
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);
        var streamUrl = new Uri(body.GetProperty("streamUrl").GetString()!);
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal($"/v3/directline/conversations/{conversationId}/stream", streamUrl.AbsolutePath);
    }

    [Fact]
    public async Task StartConversation_without_a_token_in_local_mode_opens_a_conversation_with_its_own_token()
    {
        using var created = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token: null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var activities = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{body.GetProperty("conversationId").GetString()}/activities", body.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, activities.StatusCode);
    }

    [Fact]
    public async Task Starting_a_conversation_sends_the_bot_a_conversationUpdate_with_bot_and_user_added()
    {
        var conversation = await _host.StartConversationAsync(userId: "user-7", locale: "fr-FR");

        var (update, identity) = await _host.Processor.NextAsync(ActivityTypes.ConversationUpdate);

        Assert.Equal(conversation.Id, update.Conversation?.Id);
        Assert.Equal(["engagementbot", "user-7"], update.MembersAdded!.Select(m => m.Id));
        Assert.Equal("fr-FR", update.Locale);
        Assert.Equal(Channels.DirectLine, update.ChannelId);
        Assert.Equal(_host.Origin, update.ServiceUrl);
        Assert.Equal(DirectLineTurnDispatcher.AuthenticationType, identity.AuthenticationType);
    }

    [Fact]
    public async Task RefreshToken_issues_a_new_token_for_the_same_conversation()
    {
        var conversation = await _host.StartConversationAsync();

        using var refreshed = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token);
        using var anonymous = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token: null);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(conversation.Id, body.GetProperty("conversationId").GetString());
        var newToken = body.GetProperty("token").GetString();
        Assert.NotEqual(conversation.Token, newToken);
        using var withNewToken = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", newToken);
        Assert.Equal(HttpStatusCode.OK, withNewToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_403_and_cannot_be_refreshed()
    {
        var conversation = await _host.StartConversationAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(3601));

        using var get = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token);
        using var refresh = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token);

        await AssertProblemAsync(get, HttpStatusCode.Forbidden, "TokenExpired");
        await AssertProblemAsync(refresh, HttpStatusCode.Forbidden, "TokenExpired");
    }

    [Fact]
    public async Task A_posted_message_is_stamped_handed_to_the_bot_and_the_reply_is_readable_with_watermarks()
    {
        var conversation = await _host.StartConversationAsync();
        await WaitForActivitiesAsync(conversation, a => DirectLineTestHost.TextOf(a) == "welcome user-1");

        using var posted = await _host.PostMessageAsync(conversation, "hello", "client-1");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var (message, _) = await _host.Processor.NextAsync(ActivityTypes.Message);
        Assert.Equal(id, message.Id);
        Assert.Equal(Channels.DirectLine, message.ChannelId);
        Assert.Equal(_host.Origin, message.ServiceUrl);
        Assert.Equal(conversation.Id, message.Conversation?.Id);
        Assert.Equal("engagementbot", message.Recipient?.Id);
        Assert.Equal("user-1", message.From?.Id);
        Assert.NotNull(message.Timestamp);
        Assert.Equal("client-1", message.ChannelData!.Value.GetProperty("clientActivityID").GetString());

        var all = await WaitForActivitiesAsync(conversation, a => DirectLineTestHost.TextOf(a) == "echo: hello");
        var texts = all.GetProperty("activities").EnumerateArray().Select(a => DirectLineTestHost.TextOf(a)).ToList();
        Assert.Equal(["welcome user-1", "hello", "echo: hello"], texts);
        Assert.DoesNotContain(all.GetProperty("activities").EnumerateArray(), a => a.GetProperty("type").GetString() == "typing");

        var helloWatermark = WatermarkOf(all, "hello");
        using var after = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities?watermark={helloWatermark}", conversation.Token);
        var newer = await after.Content.ReadFromJsonAsync<JsonElement>();
        var reply = Assert.Single(newer.GetProperty("activities").EnumerateArray());
        Assert.Equal("echo: hello", reply.GetProperty("text").GetString());
        Assert.Equal(id, reply.GetProperty("replyToId").GetString());
        Assert.Equal(all.GetProperty("watermark").GetString(), newer.GetProperty("watermark").GetString());
    }

    [Fact]
    public async Task The_stream_echoes_the_user_activity_with_its_clientActivityID_then_relays_typing_and_the_reply()
    {
        var conversation = await _host.StartConversationAsync();
        using var socket = await DirectLineTestHost.ConnectAsync(conversation.StreamUrl);

        using var posted = await _host.PostMessageAsync(conversation, "bonjour", "client-42");
        posted.EnsureSuccessStatusCode();
        var seen = await DirectLineTestHost.ReadUntilAsync(socket, a => DirectLineTestHost.TextOf(a) == "echo: bonjour");

        var echo = seen.Single(a => a.TryGetProperty("channelData", out var data) && data.GetProperty("clientActivityID").GetString() == "client-42");
        Assert.Equal("bonjour", echo.GetProperty("text").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.Contains(seen, a => a.GetProperty("type").GetString() == "typing" && a.GetProperty("from").GetProperty("id").GetString() == "engagementbot");
        var reply = seen[^1];
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("id").GetString()));
        Assert.True(reply.TryGetProperty("timestamp", out _));
        Assert.Equal("engagementbot", reply.GetProperty("from").GetProperty("id").GetString());
        Assert.True(seen.IndexOf(echo) < seen.IndexOf(reply));
    }

    [Fact]
    public async Task Reconnecting_returns_a_new_streamUrl_that_resumes_after_the_watermark()
    {
        var conversation = await _host.StartConversationAsync();
        using (var posted = await _host.PostMessageAsync(conversation, "first", "c-1"))
        {
            posted.EnsureSuccessStatusCode();
        }

        var before = await WaitForActivitiesAsync(conversation, a => DirectLineTestHost.TextOf(a) == "echo: first");
        var watermark = before.GetProperty("watermark").GetString();

        using var reconnect = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}?watermark={watermark}", conversation.Token);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var body = await reconnect.Content.ReadFromJsonAsync<JsonElement>();
        var streamUrl = body.GetProperty("streamUrl").GetString()!;
        Assert.NotEqual(conversation.StreamUrl, streamUrl);
        Assert.Contains($"watermark={watermark}", streamUrl, StringComparison.Ordinal);

        using var socket = await DirectLineTestHost.ConnectAsync(streamUrl);
        using (var posted = await _host.PostMessageAsync(conversation, "second", "c-2"))
        {
            posted.EnsureSuccessStatusCode();
        }

        var seen = await DirectLineTestHost.ReadUntilAsync(socket, a => DirectLineTestHost.TextOf(a) == "echo: second");
        Assert.DoesNotContain(seen, a => DirectLineTestHost.TextOf(a) is "first" or "echo: first" or "welcome user-1");
        Assert.Contains(seen, a => DirectLineTestHost.TextOf(a) == "second");
    }

    [Fact]
    public async Task A_stream_opened_without_watermark_starts_with_the_backlog()
    {
        var conversation = await _host.StartConversationAsync(userId: "early-bird");
        await WaitForActivitiesAsync(conversation, a => DirectLineTestHost.TextOf(a) == "welcome early-bird");

        using var socket = await DirectLineTestHost.ConnectAsync(conversation.StreamUrl);
        var seen = await DirectLineTestHost.ReadUntilAsync(socket, a => DirectLineTestHost.TextOf(a) == "welcome early-bird");

        Assert.Single(seen);
    }

    [Fact]
    public async Task Conversation_endpoints_need_the_conversation_token()
    {
        var mine = await _host.StartConversationAsync();
        var theirs = await _host.StartConversationAsync(userId: "other");
        var path = $"/v3/directline/conversations/{mine.Id}/activities";

        using var none = await _host.SendAsync(HttpMethod.Get, path, token: null);
        using var forged = await _host.SendAsync(HttpMethod.Get, path, mine.Token[..^4] + "AAAA");
        using var other = await _host.SendAsync(HttpMethod.Get, path, theirs.Token);
        using var otherPost = await _host.SendAsync(HttpMethod.Post, path, theirs.Token, """{"type":"message","from":{"id":"x"}}""");
        using var otherReconnect = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{mine.Id}", theirs.Token);

        await AssertProblemAsync(none, HttpStatusCode.Unauthorized, "Unauthorized");
        await AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "Unauthorized");
        await AssertProblemAsync(other, HttpStatusCode.Forbidden, "TokenConversationMismatch");
        await AssertProblemAsync(otherPost, HttpStatusCode.Forbidden, "TokenConversationMismatch");
        await AssertProblemAsync(otherReconnect, HttpStatusCode.Forbidden, "TokenConversationMismatch");
    }

    [Fact]
    public async Task The_stream_refuses_a_missing_or_foreign_token()
    {
        var mine = await _host.StartConversationAsync();
        var theirs = await _host.StartConversationAsync(userId: "other");
        var theirStreamToken = new Uri(theirs.StreamUrl).Query.Split("t=")[1];
        var httpStream = new UriBuilder(mine.StreamUrl) { Scheme = "http" }.Uri;

        using var foreign = await _host.Http.GetAsync(new UriBuilder(httpStream) { Query = "t=" + theirStreamToken }.Uri);
        using var missing = await _host.Http.GetAsync(new UriBuilder(httpStream) { Query = string.Empty }.Uri);
        using var notWebSocket = await _host.Http.GetAsync(httpStream);

        await AssertProblemAsync(foreign, HttpStatusCode.Forbidden, "TokenConversationMismatch");
        await AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "Unauthorized");
        await AssertProblemAsync(notWebSocket, HttpStatusCode.BadRequest, "NotWebSocket");
    }

    [Fact]
    public async Task A_stream_token_is_not_a_conversation_token()
    {
        var conversation = await _host.StartConversationAsync();
        var streamToken = Uri.UnescapeDataString(new Uri(conversation.StreamUrl).Query.Split("t=")[1]);

        using var response = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", streamToken);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task An_activity_over_256K_characters_is_refused_with_413()
    {
        var conversation = await _host.StartConversationAsync();
        var path = $"/v3/directline/conversations/{conversation.Id}/activities";
        var prefix = """{"type":"message","from":{"id":"user-1"},"text":" """;
        var justFits = prefix + new string('a', DirectLineBodyReader.MaxCharacters - prefix.Length - 2) + "\"}";
        var tooBig = prefix + new string('é', DirectLineBodyReader.MaxCharacters - prefix.Length) + "\"}";

        using var fits = await _host.SendAsync(HttpMethod.Post, path, conversation.Token, justFits);
        using var refused = await _host.SendAsync(HttpMethod.Post, path, conversation.Token, tooBig);

        Assert.Equal(DirectLineBodyReader.MaxCharacters, justFits.Length);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge, "MessageSizeTooBig");
    }

    [Theory]
    [InlineData("{\"type\":\"message\",", "BadSyntax")]
    [InlineData("[1,2]", "BadSyntax")]
    [InlineData("null", "BadArgument")]
    [InlineData("", "MissingBody")]
    [InlineData("{\"type\":\"message\",\"text\":\"no sender\"}", "MissingProperty")]
    [InlineData("{\"type\":\"message\",\"from\":{\"name\":\"no id\"}}", "MissingProperty")]
    [InlineData("{\"text\":\"no type\",\"from\":{\"id\":\"u\"}}", "MissingProperty")]
    public async Task Bad_input_gets_400_with_a_reason(string body, string reason)
    {
        var conversation = await _host.StartConversationAsync();

        using var response = await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token, body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_bad_watermark_gets_400(string watermark)
    {
        var conversation = await _host.StartConversationAsync();

        using var response = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities?watermark={watermark}", conversation.Token);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "BadArgument");
    }

    [Fact]
    public async Task Bad_json_when_generating_a_token_gets_400()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token: null, "{not json");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "BadSyntax");
    }

    [Fact]
    public async Task An_idle_conversation_expires_and_is_swept()
    {
        var conversation = await _host.StartConversationAsync();
        var store = _host.App.Services.GetRequiredService<DirectLineConversationStore>();
        await WaitForActivitiesAsync(conversation, a => DirectLineTestHost.TextOf(a) == "welcome user-1");
        var before = store.Count;

        _host.Time.Advance(TimeSpan.FromMinutes(20));
        using var stillThere = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token);
        _host.Time.Advance(TimeSpan.FromMinutes(29));
        var removedWhileFresh = store.RemoveExpired();
        _host.Time.Advance(TimeSpan.FromMinutes(2)); // 31 minutes idle, the token (60 minutes) still valid
        var removed = store.RemoveExpired();
        using var gone = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(0, removedWhileFresh);
        Assert.Equal(1, removed);
        Assert.Equal(before - 1, store.Count);
        await AssertProblemAsync(gone, HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Fact]
    public async Task A_conversation_with_an_open_stream_does_not_expire()
    {
        var conversation = await _host.StartConversationAsync();
        using var socket = await DirectLineTestHost.ConnectAsync(conversation.StreamUrl);
        await DirectLineTestHost.ReadUntilAsync(socket, a => DirectLineTestHost.TextOf(a) == "welcome user-1");

        _host.Time.Advance(TimeSpan.FromHours(2));
        var removed = _host.App.Services.GetRequiredService<DirectLineConversationStore>().RemoveExpired();

        Assert.Equal(0, removed);
    }

    [Fact]
    public async Task The_connector_routes_update_delete_and_list_members()
    {
        var conversation = await _host.StartConversationAsync();
        var connector = $"/v3/conversations/{conversation.Id}";

        using var sent = await _host.SendAsync(HttpMethod.Post, $"{connector}/activities", token: null, """{"type":"message","text":"v1"}""");
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var updated = await _host.SendAsync(HttpMethod.Put, $"{connector}/activities/{Uri.EscapeDataString(id)}", token: null, """{"type":"message","text":"v2"}""");
        var afterUpdate = await GetActivitiesAsync(conversation);
        using var deleted = await _host.SendAsync(HttpMethod.Delete, $"{connector}/activities/{Uri.EscapeDataString(id)}", token: null);
        var afterDelete = await GetActivitiesAsync(conversation);
        using var deletedAgain = await _host.SendAsync(HttpMethod.Delete, $"{connector}/activities/{Uri.EscapeDataString(id)}", token: null);
        using var members = await _host.SendAsync(HttpMethod.Get, $"{connector}/members", token: null);
        using var member = await _host.SendAsync(HttpMethod.Get, $"{connector}/members/user-1", token: null);
        using var noMember = await _host.SendAsync(HttpMethod.Get, $"{connector}/members/someone-else", token: null);
        using var paged = await _host.SendAsync(HttpMethod.Get, $"{connector}/pagedmembers", token: null);
        using var unknown = await _host.SendAsync(HttpMethod.Post, "/v3/conversations/nope/activities", token: null, """{"type":"message","text":"lost"}""");
        using var badBody = await _host.SendAsync(HttpMethod.Post, $"{connector}/activities", token: null, "{");

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(id, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var v2 = Assert.Single(afterUpdate.GetProperty("activities").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        Assert.Equal("v2", v2.GetProperty("text").GetString());
        Assert.Equal("engagementbot", v2.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain(afterDelete.GetProperty("activities").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        await AssertProblemAsync(deletedAgain, HttpStatusCode.NotFound, "ActivityNotFound");
        var memberIds = (await members.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(m => m.GetProperty("id").GetString());
        Assert.Equal(["engagementbot", "user-1"], memberIds);
        Assert.Equal("user", (await member.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        await AssertProblemAsync(noMember, HttpStatusCode.NotFound, "MemberNotFound");
        Assert.Equal(2, (await paged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("members").GetArrayLength());
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "ConversationNotFound");
        await AssertProblemAsync(badBody, HttpStatusCode.BadRequest, "BadSyntax");
    }

    [Fact]
    public async Task An_update_from_the_bot_is_pushed_on_the_stream_with_the_same_id()
    {
        var conversation = await _host.StartConversationAsync(userId: null);
        using var socket = await DirectLineTestHost.ConnectAsync(conversation.StreamUrl);
        var connector = $"/v3/conversations/{conversation.Id}/activities";

        using var sent = await _host.SendAsync(HttpMethod.Post, connector, token: null, """{"type":"message","text":"draft"}""");
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var updated = await _host.SendAsync(HttpMethod.Put, $"{connector}/{Uri.EscapeDataString(id)}", token: null, """{"type":"message","text":"final"}""");
        updated.EnsureSuccessStatusCode();
        var seen = await DirectLineTestHost.ReadUntilAsync(socket, a => DirectLineTestHost.TextOf(a) == "final");

        Assert.Equal(["draft", "final"], seen.Select(DirectLineTestHost.TextOf));
        Assert.All(seen, a => Assert.Equal(id, a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_bot_gets_its_own_copy_of_the_activity()
    {
        var conversation = await _host.StartConversationAsync(userId: null);
        using var posted = await _host.PostMessageAsync(conversation, "original", "c-1");
        posted.EnsureSuccessStatusCode();

        var (message, _) = await _host.Processor.NextAsync(ActivityTypes.Message);
        message.Text = "changed by the bot";
        var stored = await GetActivitiesAsync(conversation);

        Assert.Contains(stored.GetProperty("activities").EnumerateArray(), a => DirectLineTestHost.TextOf(a) == "original");
        Assert.DoesNotContain(stored.GetProperty("activities").EnumerateArray(), a => DirectLineTestHost.TextOf(a) == "changed by the bot");
    }

    [Fact]
    public void The_bots_own_origin_is_trusted_for_the_connector_client()
    {
        var trusted = _host.App.Services.GetRequiredService<ITrustedServiceUrls>();
        var serviceUrl = _host.App.Services.GetRequiredService<DirectLineServiceUrl>().Value;

        Assert.Equal(_host.Origin, serviceUrl);
        Assert.StartsWith("http://127.0.0.1:", serviceUrl, StringComparison.Ordinal);
        Assert.True(trusted.IsTrusted(serviceUrl + "/"));
    }

    [Fact]
    public async Task A_token_bound_to_a_user_speaks_for_that_user_only()
    {
        var conversation = await _host.StartConversationAsync(userId: "bound-user");

        using var posted = await _host.SendAsync(
            HttpMethod.Post,
            $"/v3/directline/conversations/{conversation.Id}/activities",
            conversation.Token,
            """{"type":"message","text":"who am I","from":{"id":"impostor","role":"bot"}}""");
        posted.EnsureSuccessStatusCode();
        var (message, _) = await _host.Processor.NextAsync(ActivityTypes.Message);

        Assert.Equal("bound-user", message.From?.Id);
        Assert.Equal(RoleTypes.User, message.From?.Role);
    }

    [Fact]
    public async Task A_user_unknown_at_start_is_announced_before_their_first_message()
    {
        var conversation = await _host.StartConversationAsync(userId: null);

        using var posted = await _host.PostMessageAsync(conversation, "hi", "c-1", userId: "late-user");
        posted.EnsureSuccessStatusCode();
        var (update, _) = await _host.Processor.NextAsync(ActivityTypes.ConversationUpdate);
        var (message, _) = await _host.Processor.NextAsync(ActivityTypes.Message);

        Assert.Equal(["engagementbot", "late-user"], update.MembersAdded!.Select(m => m.Id));
        Assert.Equal("late-user", message.From?.Id);
    }

    private async Task<JsonElement> GetActivitiesAsync(StartedConversation conversation)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the activity list until one matches (the bot answers in the background).</summary>
    private async Task<JsonElement> WaitForActivitiesAsync(StartedConversation conversation, Func<JsonElement, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var set = await GetActivitiesAsync(conversation);
            if (set.GetProperty("activities").EnumerateArray().Any(until))
            {
                return set;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static string WatermarkOf(JsonElement set, string text)
    {
        var id = set.GetProperty("activities").EnumerateArray().Single(a => DirectLineTestHost.TextOf(a) == text).GetProperty("id").GetString()!;
        return long.Parse(id.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, body.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }
}
