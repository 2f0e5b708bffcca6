using System.Net;
using EngagementBot.Bot.Protocol.Connector.Credentials;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Authentication;

/// <summary>
/// Channel authentication through the real HTTP path: the bot with an app id, Bot Framework and Entra ID
/// signing keys served by a loopback OpenID metadata server, replies going to a loopback connector.
/// A valid token gets a reply (carrying the bot's own outbound token); every rejection is a 401 and the
/// bot sends nothing.
/// </summary>
public sealed class MessagesEndpointAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "7f1c2d3e-0000-4000-8000-00000000b0a7";
    private const string OurTenant = "2b7c9a11-0000-4000-8000-0000000c17e5";
    private const string OtherTenant = "99999999-0000-4000-8000-000000000bad";
    private const string OutboundToken = "outbound-token-from-entra";

    private readonly TestSigningKey _botFrameworkKey = TestSigningKey.Create("bf-key");
    private readonly TestSigningKey _entraKey = TestSigningKey.Create("entra-key");
    private readonly TestSigningKey _unpublishedKey = TestSigningKey.Create("nobody-knows-me");
    private readonly TestTokenIssuer _issuer = new(AppId);
    private OpenIdMetadataServer _metadata = null!;
    private ConnectorStubServer _channel = null!;
    private BotApplicationFactory _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _metadata = await OpenIdMetadataServer.StartAsync();
        _metadata.BotFramework.Publish(_botFrameworkKey, "msteams", "directline");
        _metadata.Entra.Publish(_entraKey);
        _channel = await ConnectorStubServer.StartAsync();
        var settings = _metadata.ConfigurationValues(AppId, OurTenant);
        settings["MicrosoftAppPassword"] = "not-used-the-token-provider-is-replaced";
        settings["Environment"] = "Production";
        _bot = new BotApplicationFactory(
            settings,
            services => services.AddSingleton<IBotTokenProvider>(new FixedTokenProvider(OutboundToken)),
            environment: "Production");
        _client = new HttpClient { BaseAddress = _bot.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        await _metadata.DisposeAsync();
        _botFrameworkKey.Dispose();
        _entraKey.Dispose();
        _unpublishedKey.Dispose();
    }

    public static TheoryData<string> AcceptedTokens => ["bot-connector", "bot-connector-rs512", "entra-v1-botframework", "entra-v2-botframework", "entra-v2-single-tenant"];

    public static TheoryData<string> RejectedTokens =>
    [
        "wrong-issuer", "wrong-audience", "expired", "not-yet-valid", "alg-none", "hmac-with-public-key", "unknown-kid",
        "key-not-endorsing-channel", "serviceurl-mismatch", "missing-serviceurl", "basic-scheme", "garbage", "no-header",
        "other-tenant", "entra-wrong-azp", "entra-missing-ver",
    ];

    [Theory]
    [MemberData(nameof(AcceptedTokens))]
    public async Task Valid_channel_tokens_are_answered_with_the_bots_own_token(string kind)
    {
        var activity = Activities.Message(_channel.ServiceUrl, "help", channelId: "msteams");

        using var response = await Activities.PostAsync(_client, activity, Authorization(kind, activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _channel.WaitForMessageAsync("Here is what I can do");
        var reply = Assert.Single(_channel.Requests);
        Assert.Equal($"Bearer {OutboundToken}", reply.Header("Authorization"));
    }

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Every_rejection_is_a_401_and_the_bot_sends_nothing(string kind)
    {
        var activity = Activities.Message(_channel.ServiceUrl, "help", channelId: kind == "key-not-endorsing-channel" ? "telegram" : "msteams");

        using var response = await Activities.PostAsync(_client, activity, Authorization(kind, activity));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.NotEmpty(await Activities.ProblemDetailAsync(response));
        await Task.Delay(200);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task The_wire_caller_id_is_discarded()
    {
        var activity = Activities.Message(_channel.ServiceUrl, "help", channelId: "msteams");
        activity.CallerId = "urn:botframework:aadappid:forged";
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        using var response = await Activities.PostAsync(_client, activity, Authorization("bot-connector", activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("forged", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_app_id_any_channel_service_url_is_accepted_once_authenticated()
    {
        // Local mode only answers loopback service URLs; authenticated mode answers the URL the token vouches for.
        var activity = Activities.Message(_channel.ServiceUrl, "help", channelId: "msteams");

        using var response = await Activities.PostAsync(_client, activity, Authorization("bot-connector", activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private string? Authorization(string kind, Activity activity)
    {
        var serviceUrl = activity.ServiceUrl!;
        return kind switch
        {
            "bot-connector" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl)),
            "bot-connector-rs512" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl, o => o.Algorithm = "RS512")),
            "entra-v1-botframework" => Bearer(_issuer.CreateEntraV1Token(_entraKey, TestTokenIssuer.BotFrameworkTenantId)),
            "entra-v2-botframework" => Bearer(_issuer.CreateEntraV2Token(_entraKey, TestTokenIssuer.BotFrameworkTenantId)),
            "entra-v2-single-tenant" => Bearer(_issuer.CreateEntraV2Token(_entraKey, OurTenant)),
            "wrong-issuer" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl, o => o.Issuer = "https://api.botframework.evil")),
            "wrong-audience" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl, o => o.Audience = "another-bot")),
            "expired" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl, o => (o.IssuedAt, o.NotBefore, o.Expires) = (DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddMinutes(-10)))),
            "not-yet-valid" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl, o => (o.NotBefore, o.Expires) = (DateTimeOffset.UtcNow.AddMinutes(10), DateTimeOffset.UtcNow.AddHours(1)))),
            "alg-none" => Bearer(TestTokenIssuer.CreateUnsignedToken(_issuer.BotConnectorOptions(serviceUrl))),
            "hmac-with-public-key" => Bearer(TestTokenIssuer.CreateHmacTokenSignedWithPublicKey(_botFrameworkKey, _issuer.BotConnectorOptions(serviceUrl))),
            "unknown-kid" => Bearer(_issuer.CreateBotConnectorToken(_unpublishedKey, serviceUrl)),
            "key-not-endorsing-channel" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl)),
            "serviceurl-mismatch" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, "https://smba.trafficmanager.net/amer/")),
            "missing-serviceurl" => Bearer(_issuer.CreateBotConnectorToken(_botFrameworkKey, serviceUrl, o => o.Claims.Remove("serviceurl"))),
            "basic-scheme" => "Basic " + Convert.ToBase64String("bot:secret"u8.ToArray()),
            "garbage" => "Bearer this.is-not.a-jwt",
            "no-header" => null,
            "other-tenant" => Bearer(_issuer.CreateEntraV2Token(_entraKey, OtherTenant)),
            "entra-wrong-azp" => Bearer(_issuer.CreateEntraV2Token(_entraKey, OurTenant, o => o.Claims["azp"] = "some-other-app")),
            "entra-missing-ver" => Bearer(_issuer.CreateEntraV1Token(_entraKey, TestTokenIssuer.BotFrameworkTenantId, o => o.Claims.Remove("ver"))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static string Bearer(string token) => "Bearer " + token;

    /// <summary>Entra ID cannot run here: the bot's outbound token comes from this fixed provider instead of MSAL.</summary>
    private sealed class FixedTokenProvider(string token) : IBotTokenProvider
    {
        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
    }
}
