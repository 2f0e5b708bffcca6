using System.Net;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.Connector;

/// <summary>Each Connector v3 operation against the real stub: method, escaped path, body, headers, response.</summary>
public sealed class ConnectorClientOperationsTests : IAsyncLifetime
{
    // A Teams channel thread id: ':', '@', ';' and '=' must be escaped; '/' too (it would split the path).
    private const string TeamsConversationId = "19:abc@thread.tacv2;messageid=1700000000/x";
    private const string EscapedTeamsConversationId = "19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000%2Fx";

    private readonly CountingTokenProvider _tokens = new();
    private ConnectorStubServer _stub = null!;
    private ConnectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _stub = await ConnectorStubServer.StartAsync();
        _host = ConnectorTestHost.Create(ConnectorTestHost.WithAppId(), _tokens);
        _host.TrustedServiceUrls.Trust(_stub.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task SendToConversation_posts_the_activity_to_the_escaped_conversation_path()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "Bonjour", Locale = "fr-FR" };

        var response = await _host.Client.SendToConversationAsync(_stub.ServiceUrl, TeamsConversationId, activity, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/{EscapedTeamsConversationId}/activities", request.RawTarget);
        Assert.Equal(StubOperation.SendToConversation, request.Operation);
        Assert.Equal(TeamsConversationId, request.ConversationId);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("Bearer token-1", request.Header("Authorization"));
        Assert.Equal("Bonjour", request.Activity?.Text);
        Assert.Equal("fr-FR", request.Activity?.Locale);
        Assert.Equal($"activity-{request.Sequence}", response.Id);
    }

    [Fact]
    public async Task ReplyToActivity_posts_to_the_escaped_reply_path()
    {
        var response = await _host.Client.ReplyToActivityAsync(
            _stub.ServiceUrl, "a:1 user", "1700000000123|0001", new Activity { Type = ActivityTypes.Message, Text = "Merci" }, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations/a%3A1%20user/activities/1700000000123%7C0001", request.RawTarget);
        Assert.Equal(StubOperation.ReplyToActivity, request.Operation);
        Assert.Equal("1700000000123|0001", request.ActivityId);
        Assert.Equal("Merci", request.Activity?.Text);
        Assert.Equal($"activity-{request.Sequence}", response.Id);
    }

    [Fact]
    public async Task UpdateActivity_puts_the_activity()
    {
        var response = await _host.Client.UpdateActivityAsync(
            _stub.ServiceUrl, TeamsConversationId, "act:9", new Activity { Type = ActivityTypes.Message, Id = "act:9", Text = "Modifié" }, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/v3/conversations/{EscapedTeamsConversationId}/activities/act%3A9", request.RawTarget);
        Assert.Equal("Modifié", request.Activity?.Text);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("act:9", response.Id);
    }

    [Fact]
    public async Task DeleteActivity_sends_delete_without_body()
    {
        await _host.Client.DeleteActivityAsync(_stub.ServiceUrl, "conv-1", "act-2", CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("/v3/conversations/conv-1/activities/act-2", request.RawTarget);
        Assert.Equal(string.Empty, request.Body);
        Assert.Null(request.Header("Content-Type"));
        Assert.Equal("Bearer token-1", request.Header("Authorization"));
    }

    [Fact]
    public async Task DeleteActivity_accepts_202_but_not_201()
    {
        _stub.Enqueue(StubResponse.Status(HttpStatusCode.Accepted), StubResponse.Status(HttpStatusCode.Created));

        await _host.Client.DeleteActivityAsync(_stub.ServiceUrl, "conv-1", "act-2", CancellationToken.None);
        var failure = await Assert.ThrowsAsync<ConnectorException>(
            () => _host.Client.DeleteActivityAsync(_stub.ServiceUrl, "conv-1", "act-3", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Created, failure.StatusCode);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task CreateConversation_posts_parameters_and_reads_the_conversation_resource()
    {
        var parameters = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:bot" },
            Members = [new ChannelAccount { Id = "29:user-1" }],
            TenantId = "tenant-1",
            ChannelData = JsonDocument.Parse("""{"tenant":{"id":"tenant-1"}}""").RootElement.Clone(),
        };

        var response = await _host.Client.CreateConversationAsync(_stub.ServiceUrl, parameters, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations", request.RawTarget);
        var sent = JsonSerializer.Deserialize(request.Body, BotJsonContext.Default.ConversationParameters)!;
        Assert.Equal("28:bot", sent.Bot?.Id);
        Assert.Equal("29:user-1", Assert.Single(sent.Members!).Id);
        Assert.Equal("tenant-1", sent.ChannelData?.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal($"conversation-{request.Sequence}", response.Id);
        Assert.Equal($"activity-{request.Sequence}", response.ActivityId);
        Assert.Equal(_stub.ServiceUrl, response.ServiceUrl);
    }

    [Fact]
    public async Task Writes_accept_201_and_202_including_an_empty_body()
    {
        _stub.Enqueue(
            StubResponse.Json(HttpStatusCode.Created, """{"id":"created-1"}"""),
            StubResponse.Status(HttpStatusCode.Accepted));

        var created = await _host.Client.SendToConversationAsync(_stub.ServiceUrl, "c", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);
        var accepted = await _host.Client.SendToConversationAsync(_stub.ServiceUrl, "c", new Activity { Type = ActivityTypes.Typing }, CancellationToken.None);

        Assert.Equal("created-1", created.Id);
        Assert.Null(accepted.Id);
    }

    [Fact]
    public async Task GetConversationMembers_reads_the_member_list()
    {
        var members = await _host.Client.GetConversationMembersAsync(_stub.ServiceUrl, TeamsConversationId, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/v3/conversations/{EscapedTeamsConversationId}/members", request.RawTarget);
        Assert.Equal(_stub.Members.Select(m => m.Id), members.Select(m => m.Id));
        Assert.Equal("aad-1", members[0].AadObjectId);
    }

    [Fact]
    public async Task GetConversationMember_reads_one_member_with_an_escaped_id()
    {
        var member = await _host.Client.GetConversationMemberAsync(_stub.ServiceUrl, "conv-1", "29:user-2", CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/conversations/conv-1/members/29%3Auser-2", request.RawTarget);
        Assert.Equal("Sam", member.Name);
    }

    [Fact]
    public async Task GetConversationMember_unknown_member_is_a_connector_error_with_the_code()
    {
        var failure = await Assert.ThrowsAsync<ConnectorException>(
            () => _host.Client.GetConversationMemberAsync(_stub.ServiceUrl, "conv-1", "29:nobody", CancellationToken.None));

        Assert.IsNotType<RecipientUnreachableException>(failure);
        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal("MemberNotFound", failure.Error?.Error?.Code);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task GetConversationPagedMembers_sends_page_size_and_continuation_token_and_walks_all_pages()
    {
        var first = await _host.Client.GetConversationPagedMembersAsync(_stub.ServiceUrl, "conv-1", 2, null, CancellationToken.None);
        var second = await _host.Client.GetConversationPagedMembersAsync(_stub.ServiceUrl, "conv-1", 2, first.ContinuationToken, CancellationToken.None);

        var requests = _stub.Requests;
        Assert.Equal("/v3/conversations/conv-1/pagedmembers?pageSize=2", requests[0].RawTarget);
        Assert.Equal("/v3/conversations/conv-1/pagedmembers?pageSize=2&continuationToken=page%3A2", requests[1].RawTarget);
        Assert.Equal("page:2", requests[1].Query["continuationToken"]);
        Assert.Equal(["29:user-1", "29:user-2"], first.Members!.Select(m => m.Id));
        Assert.Equal(["28:bot"], second.Members!.Select(m => m.Id));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task GetConversationPagedMembers_without_paging_arguments_sends_no_query()
    {
        await _host.Client.GetConversationPagedMembersAsync(_stub.ServiceUrl, "conv-1", null, null, CancellationToken.None);

        Assert.Equal("/v3/conversations/conv-1/pagedmembers", Assert.Single(_stub.Requests).RawTarget);
    }

    [Fact]
    public async Task A_service_url_with_a_path_keeps_its_path()
    {
        var regional = _stub.ServiceUrl + "amer";
        _host.TrustedServiceUrls.Trust(regional);

        await _host.Client.SendToConversationAsync(regional, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("/amer/v3/conversations/conv-1/activities", request.RawTarget);
        Assert.Equal(StubOperation.SendToConversation, request.Operation);
    }

    [Fact]
    public async Task A_success_body_that_is_not_json_is_a_connector_error()
    {
        _stub.Enqueue(StubResponse.Status(HttpStatusCode.OK, "<html>proxy</html>"));

        var failure = await Assert.ThrowsAsync<ConnectorException>(
            () => _host.Client.GetConversationMembersAsync(_stub.ServiceUrl, "conv-1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, failure.StatusCode);
        Assert.IsType<JsonException>(failure.InnerException);
    }

    [Fact]
    public async Task Blank_ids_are_rejected_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => _host.Client.SendToConversationAsync(_stub.ServiceUrl, " ", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(
            () => _host.Client.DeleteActivityAsync(_stub.ServiceUrl, "conv-1", string.Empty, CancellationToken.None));

        Assert.Empty(_stub.Requests);
    }
}
