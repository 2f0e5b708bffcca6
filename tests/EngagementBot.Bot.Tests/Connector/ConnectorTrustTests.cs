using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;

namespace EngagementBot.Bot.Tests.Connector;

/// <summary>When a token is attached, and when nothing may be sent at all.</summary>
public sealed class ConnectorTrustTests : IAsyncLifetime
{
    private readonly CountingTokenProvider _tokens = new();
    private ConnectorStubServer _stub = null!;

    public async Task InitializeAsync() => _stub = await ConnectorStubServer.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task With_an_app_id_an_untrusted_service_url_is_refused_and_nothing_is_sent()
    {
        await using var host = ConnectorTestHost.Create(ConnectorTestHost.WithAppId(), _tokens);

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => host.Client.SendToConversationAsync(
            _stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => host.Client.GetConversationMembersAsync(
            _stub.ServiceUrl, "conv-1", CancellationToken.None));
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => host.Client.CreateConversationAsync(
            _stub.ServiceUrl, new ConversationParameters(), CancellationToken.None));

        Assert.Empty(_stub.Requests);
        Assert.Equal(0, _tokens.Calls);
    }

    [Fact]
    public async Task Trusting_another_host_does_not_trust_this_one()
    {
        await using var host = ConnectorTestHost.Create(ConnectorTestHost.WithAppId(), _tokens);
        host.TrustedServiceUrls.Trust("https://smba.trafficmanager.net/teams/");
        host.TrustedServiceUrls.Trust(_stub.ServiceUrl + "amer/");

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => host.Client.SendToConversationAsync(
            _stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));

        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task With_an_app_id_a_trusted_service_url_gets_the_providers_bearer_token()
    {
        await using var host = ConnectorTestHost.Create(ConnectorTestHost.WithAppId(), _tokens);
        host.TrustedServiceUrls.Trust(_stub.ServiceUrl.TrimEnd('/'));

        await host.Client.SendToConversationAsync(_stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);
        await host.Client.GetConversationMembersAsync(_stub.ServiceUrl, "conv-1", CancellationToken.None);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], _stub.Requests.Select(r => r.Header("Authorization")));
        Assert.Equal(2, _tokens.Calls);
    }

    [Fact]
    public async Task Local_mode_sends_to_any_http_url_without_authorization_and_never_asks_for_a_token()
    {
        await using var host = ConnectorTestHost.Create(ConnectorTestHost.LocalMode(), _tokens);

        await host.Client.SendToConversationAsync(_stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);
        await host.Client.DeleteActivityAsync(_stub.ServiceUrl, "conv-1", "a-1", CancellationToken.None);

        Assert.Equal(2, _stub.Requests.Count);
        Assert.All(_stub.Requests, request => Assert.Null(request.Header("Authorization")));
        Assert.Equal(0, _tokens.Calls);
    }

    [Fact]
    public async Task Local_mode_uses_the_no_credential_provider_and_sends_no_authorization()
    {
        await using var host = ConnectorTestHost.Create(ConnectorTestHost.LocalMode());

        await host.Client.SendToConversationAsync(_stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);

        Assert.Null(Assert.Single(_stub.Requests).Header("Authorization"));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    public async Task A_service_url_that_is_not_absolute_http_is_rejected(string serviceUrl)
    {
        await using var host = ConnectorTestHost.Create(ConnectorTestHost.LocalMode(), _tokens);

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.SendToConversationAsync(
            serviceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));

        Assert.Equal("serviceUrl", failure.ParamName);
    }

    [Fact]
    public async Task A_token_provider_failure_is_a_connector_exception_and_nothing_is_sent()
    {
        _tokens.Failure = new InvalidOperationException("AADSTS7000215: Invalid client secret provided.");
        await using var host = ConnectorTestHost.Create(ConnectorTestHost.WithAppId(), _tokens);
        host.TrustedServiceUrls.Trust(_stub.ServiceUrl);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendToConversationAsync(
            _stub.ServiceUrl, "conv-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));

        Assert.Contains("MicrosoftAppId", failure.Message, StringComparison.Ordinal);
        Assert.Same(_tokens.Failure, failure.InnerException);
        Assert.Empty(_stub.Requests);
    }
}
