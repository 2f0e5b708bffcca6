using System.Security.Claims;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Bot.Tests.Support;
using static EngagementBot.Bot.Tests.Support.ChannelAuthenticationTestContext;

namespace EngagementBot.Bot.Tests.Authentication;

/// <summary>The JWT matrix: every accepted and rejected token shape, through the real authenticator and metadata over HTTP.</summary>
public sealed class BotFrameworkChannelAuthenticatorTests : IAsyncLifetime
{
    private const string OtherTenantId = "99999999-8888-4777-8666-555555555555";
    private ChannelAuthenticationTestContext _auth = null!;

    public async Task InitializeAsync() => _auth = await StartAsync();

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task ValidBotConnectorToken_IsAccepted_WithItsClaims_AndTrustsTheServiceUrl()
    {
        Assert.False(_auth.TrustedServiceUrls.IsTrusted(ServiceUrl));

        var result = await _auth.AuthenticateAsync(Bearer(_auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.NotNull(result.Identity);
        Assert.True(result.Identity.IsAuthenticated);
        Assert.Equal(BotFrameworkAuthenticationConstants.BotConnectorIssuer, result.Identity.FindFirst("iss")?.Value);
        Assert.Equal(AppId, result.Identity.FindFirst("aud")?.Value);
        Assert.Equal(ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        Assert.True(_auth.TrustedServiceUrls.IsTrusted(ServiceUrl));
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task BotConnectorToken_WithOtherAllowedRsaAlgorithms_IsAccepted(string algorithm)
    {
        var token = _auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl, o => o.Algorithm = algorithm);

        var result = await _auth.AuthenticateAsync(Bearer(token));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task ServiceUrlClaim_IsComparedCaseInsensitively()
    {
        var token = _auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl.ToUpperInvariant());

        var result = await _auth.AuthenticateAsync(Bearer(token));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Theory]
    [InlineData("v1", TestTokenIssuer.BotFrameworkTenantId)]
    [InlineData("v2", TestTokenIssuer.BotFrameworkTenantId)]
    [InlineData("v1", TestTokenIssuer.BotFrameworkSecondaryTenantId)]
    [InlineData("v2", TestTokenIssuer.BotFrameworkSecondaryTenantId)]
    [InlineData("v1", OurTenantId)]
    [InlineData("v2", OurTenantId)]
    public async Task EntraToken_FromBotFrameworkOrOurTenant_IsAccepted(string version, string tenantId)
    {
        var token = version == "v1"
            ? _auth.Issuer.CreateEntraV1Token(_auth.EntraKey, tenantId)
            : _auth.Issuer.CreateEntraV2Token(_auth.EntraKey, tenantId);

        var result = await _auth.AuthenticateAsync(Bearer(token), CreateActivity(channelId: "emulator", serviceUrl: "http://127.0.0.1:50123"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(tenantId, result.Identity!.FindFirst("tid")?.Value);
        Assert.Contains(tenantId, _auth.Metadata.RequestedEntraTenants);
        Assert.True(_auth.TrustedServiceUrls.IsTrusted("http://127.0.0.1:50123"));
    }

    [Theory]
    [InlineData("expired-within-skew")]
    [InlineData("not-yet-valid-within-skew")]
    public async Task Token_OutsideItsLifetimeButWithinClockSkew_IsAccepted(string @case)
    {
        var now = DateTimeOffset.UtcNow;
        var token = _auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl, o =>
        {
            if (@case == "expired-within-skew")
            {
                (o.NotBefore, o.Expires) = (now.AddHours(-1), now.AddMinutes(-4));
            }
            else
            {
                (o.NotBefore, o.Expires) = (now.AddMinutes(4), now.AddHours(1));
            }
        });

        var result = await _auth.AuthenticateAsync(Bearer(token));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Theory]
    [InlineData("missing-header", "missing")]
    [InlineData("basic-scheme", "Bearer scheme")]
    [InlineData("token-without-scheme", "Bearer scheme")]
    [InlineData("empty-bearer", "empty")]
    [InlineData("garbage", "well-formed")]
    [InlineData("wrong-issuer", "issuer")]
    [InlineData("wrong-audience", "audience")]
    [InlineData("expired-beyond-skew", "expired")]
    [InlineData("not-yet-valid-beyond-skew", "not valid yet")]
    [InlineData("no-expiry", "expiry")]
    [InlineData("alg-none", "algorithm")]
    [InlineData("hmac-with-public-key", "algorithm")]
    [InlineData("ps256", "algorithm")]
    [InlineData("tampered-payload", "signature")]
    [InlineData("no-kid", "key id")]
    [InlineData("unknown-kid", "does not publish")]
    [InlineData("bot-connector-token-signed-by-entra-key", "does not publish")]
    [InlineData("key-not-endorsing-channel", "endorse")]
    [InlineData("key-without-endorsements", "endorse")]
    [InlineData("serviceurl-mismatch", "serviceurl")]
    [InlineData("serviceurl-missing", "serviceurl")]
    [InlineData("entra-other-tenant", "issuer")]
    [InlineData("entra-wrong-audience", "audience")]
    [InlineData("entra-v2-wrong-azp", "calling application")]
    [InlineData("entra-v1-wrong-appid", "calling application")]
    [InlineData("entra-v2-azp-missing", "azp")]
    [InlineData("entra-ver-missing", "ver")]
    [InlineData("entra-ver-unsupported", "ver")]
    [InlineData("entra-serviceurl-mismatch", "serviceurl")]
    public async Task Token_IsRejected_WithAReason_AndNothingIsTrusted(string @case, string expectedReason)
    {
        var header = RejectedCase(@case);

        var result = await _auth.AuthenticateAsync(header);

        Assert.False(result.Succeeded);
        Assert.Null(result.Identity);
        Assert.Contains(expectedReason, result.FailureReason, StringComparison.OrdinalIgnoreCase);
        Assert.False(_auth.TrustedServiceUrls.IsTrusted(ServiceUrl));
        if (header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length > 20)
        {
            Assert.DoesNotContain(header[7..], result.FailureReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EntraKeyThatListsEndorsements_IsHeldToThem()
    {
        using var endorsingKey = TestSigningKey.Create();
        _auth.Metadata.Entra.Publish(endorsingKey, "webchat");
        var token = Bearer(_auth.Issuer.CreateEntraV2Token(endorsingKey, TestTokenIssuer.BotFrameworkTenantId));

        var emulator = await _auth.AuthenticateAsync(token, CreateActivity(channelId: "emulator"));
        var webchat = await _auth.AuthenticateAsync(token, CreateActivity(channelId: "webchat"));

        Assert.False(emulator.Succeeded);
        Assert.Contains("endorse", emulator.FailureReason, StringComparison.Ordinal);
        Assert.True(webchat.Succeeded, webchat.FailureReason);
    }

    [Fact]
    public async Task AllowedCallerAppIds_AdmitOtherCallersOfEntraTokens()
    {
        await using var auth = await StartAsync(configure: values => values["ChannelAuthentication:AllowedCallerAppIds:0"] = "parent-bot-app-id");

        var allowed = await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateEntraV2Token(auth.EntraKey, OurTenantId, o => o.Claims["azp"] = "parent-bot-app-id")));
        var other = await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateEntraV2Token(auth.EntraKey, OurTenantId, o => o.Claims["azp"] = "stranger-app-id")));

        Assert.True(allowed.Succeeded, allowed.FailureReason);
        Assert.False(other.Succeeded);
    }

    [Fact]
    public async Task TokenFromAnotherTenant_NeverCausesAMetadataRequestForThatTenant()
    {
        var result = await _auth.AuthenticateAsync(Bearer(_auth.Issuer.CreateEntraV2Token(_auth.EntraKey, OtherTenantId)));

        Assert.False(result.Succeeded);
        Assert.DoesNotContain(OtherTenantId, _auth.Metadata.RequestedEntraTenants);
    }

    [Fact]
    public async Task KeyRotatedInMetadata_UnknownKidRefreshesTheKeys_AndTheNewTokenIsAccepted()
    {
        var first = await _auth.AuthenticateAsync(Bearer(_auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl)));
        Assert.True(first.Succeeded, first.FailureReason);
        var keyRequestsBefore = _auth.Metadata.BotFramework.KeyRequests;
        using var rotated = TestSigningKey.Create("bot-connector-key-2");
        _auth.Metadata.BotFramework.ReplaceAllWith(rotated, "msteams");

        var result = await _auth.AuthenticateAsync(Bearer(_auth.Issuer.CreateBotConnectorToken(rotated, ServiceUrl)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(keyRequestsBefore + 1, _auth.Metadata.BotFramework.KeyRequests);
    }

    [Fact]
    public async Task ManyValidTokens_ReadTheMetadataOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            var token = _auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl, o => o.Claims["jti"] = $"token-{i}");
            var result = await _auth.AuthenticateAsync(Bearer(token));
            Assert.True(result.Succeeded, result.FailureReason);
        }

        Assert.Equal(1, _auth.Metadata.BotFramework.MetadataRequests);
        Assert.Equal(1, _auth.Metadata.BotFramework.KeyRequests);
    }

    [Fact]
    public async Task ValidatedTokenCache_StillChecksServiceUrlAndChannel_OfEveryActivity()
    {
        var header = Bearer(_auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl));
        Assert.True((await _auth.AuthenticateAsync(header)).Succeeded);

        var otherServiceUrl = await _auth.AuthenticateAsync(header, CreateActivity(serviceUrl: "https://evil.example/"));
        var notEndorsedChannel = await _auth.AuthenticateAsync(header, CreateActivity(channelId: "slack"));
        var noChannel = await _auth.AuthenticateAsync(header, CreateActivity(channelId: null));
        var again = await _auth.AuthenticateAsync(header);

        Assert.False(otherServiceUrl.Succeeded);
        Assert.Contains("serviceurl", otherServiceUrl.FailureReason, StringComparison.OrdinalIgnoreCase);
        Assert.False(_auth.TrustedServiceUrls.IsTrusted("https://evil.example/"));
        Assert.False(notEndorsedChannel.Succeeded);
        Assert.Contains("endorse", notEndorsedChannel.FailureReason, StringComparison.OrdinalIgnoreCase);
        Assert.False(noChannel.Succeeded);
        Assert.True(again.Succeeded, again.FailureReason);
    }

    [Fact]
    public async Task ValidatedTokenCache_HandsOutIndependentIdentities()
    {
        var header = Bearer(_auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl));
        var first = await _auth.AuthenticateAsync(header);
        first.Identity!.AddClaim(new Claim("added-by-a-turn", "x"));

        var second = await _auth.AuthenticateAsync(header);

        Assert.True(second.Succeeded, second.FailureReason);
        Assert.Null(second.Identity!.FindFirst("added-by-a-turn"));
    }

    [Fact]
    public async Task ConcurrentRequestsWithTheSameToken_AllSucceed()
    {
        var header = Bearer(_auth.Issuer.CreateBotConnectorToken(_auth.BotConnectorKey, ServiceUrl));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _auth.AuthenticateAsync(header).AsTask()));

        Assert.All(results, result => Assert.True(result.Succeeded, result.FailureReason));
    }

    private string? RejectedCase(string @case)
    {
        var issuer = _auth.Issuer;
        var key = _auth.BotConnectorKey;
        var now = DateTimeOffset.UtcNow;
        string BotConnector(Action<TestTokenOptions> customize) => Bearer(issuer.CreateBotConnectorToken(key, ServiceUrl, customize));

        switch (@case)
        {
            case "missing-header":
                return null;
            case "basic-scheme":
                return "Basic dXNlcjpwYXNzd29yZA==";
            case "token-without-scheme":
                return issuer.CreateBotConnectorToken(key, ServiceUrl);
            case "empty-bearer":
                return "Bearer   ";
            case "garbage":
                return "Bearer this-is-not-a-jwt";
            case "wrong-issuer":
                return BotConnector(o => o.Issuer = "https://api.botframework.com.evil.example");
            case "wrong-audience":
                return BotConnector(o => o.Audience = "another-bot-app-id");
            case "expired-beyond-skew":
                return BotConnector(o => (o.NotBefore, o.Expires) = (now.AddHours(-2), now.AddMinutes(-6)));
            case "not-yet-valid-beyond-skew":
                return BotConnector(o => (o.NotBefore, o.Expires) = (now.AddMinutes(6), now.AddHours(1)));
            case "no-expiry":
                return BotConnector(o => o.Expires = null);
            case "alg-none":
                {
                    var options = issuer.BotConnectorOptions(ServiceUrl);
                    options.KeyId = key.KeyId;
                    return Bearer(TestTokenIssuer.CreateUnsignedToken(options));
                }

            case "hmac-with-public-key":
                return Bearer(TestTokenIssuer.CreateHmacTokenSignedWithPublicKey(key, issuer.BotConnectorOptions(ServiceUrl)));
            case "ps256":
                return BotConnector(o => o.Algorithm = "PS256");
            case "tampered-payload":
                {
                    var genuine = issuer.CreateBotConnectorToken(key, "https://other.example/").Split('.');
                    var forged = issuer.CreateBotConnectorToken(key, ServiceUrl).Split('.');
                    return Bearer($"{genuine[0]}.{forged[1]}.{genuine[2]}");
                }

            case "no-kid":
                return BotConnector(o => o.KeyId = string.Empty);
            case "unknown-kid":
                {
                    using var unpublished = TestSigningKey.Create();
                    return Bearer(issuer.CreateBotConnectorToken(unpublished, ServiceUrl));
                }

            case "bot-connector-token-signed-by-entra-key":
                return Bearer(issuer.CreateBotConnectorToken(_auth.EntraKey, ServiceUrl));
            case "key-not-endorsing-channel":
                {
                    var webchatOnly = TestSigningKey.Create();
                    _auth.Metadata.BotFramework.Publish(webchatOnly, "webchat", "directline");
                    return Bearer(issuer.CreateBotConnectorToken(webchatOnly, ServiceUrl));
                }

            case "key-without-endorsements":
                {
                    var noEndorsements = TestSigningKey.Create();
                    _auth.Metadata.BotFramework.Publish(noEndorsements);
                    return Bearer(issuer.CreateBotConnectorToken(noEndorsements, ServiceUrl));
                }

            case "serviceurl-mismatch":
                return Bearer(issuer.CreateBotConnectorToken(key, "https://smba.trafficmanager.net/amer/"));
            case "serviceurl-missing":
                return BotConnector(o => o.Claims["serviceurl"] = null);
            case "entra-other-tenant":
                return Bearer(issuer.CreateEntraV2Token(_auth.EntraKey, OtherTenantId));
            case "entra-wrong-audience":
                return Bearer(issuer.CreateEntraV1Token(_auth.EntraKey, TestTokenIssuer.BotFrameworkTenantId, o => o.Audience = "https://graph.microsoft.com"));
            case "entra-v2-wrong-azp":
                return Bearer(issuer.CreateEntraV2Token(_auth.EntraKey, TestTokenIssuer.BotFrameworkTenantId, o => o.Claims["azp"] = "some-other-app"));
            case "entra-v1-wrong-appid":
                return Bearer(issuer.CreateEntraV1Token(_auth.EntraKey, OurTenantId, o => o.Claims["appid"] = "some-other-app"));
            case "entra-v2-azp-missing":
                return Bearer(issuer.CreateEntraV2Token(_auth.EntraKey, TestTokenIssuer.BotFrameworkTenantId, o => o.Claims["azp"] = null));
            case "entra-ver-missing":
                return Bearer(issuer.CreateEntraV2Token(_auth.EntraKey, TestTokenIssuer.BotFrameworkTenantId, o => o.Claims["ver"] = null));
            case "entra-ver-unsupported":
                return Bearer(issuer.CreateEntraV2Token(_auth.EntraKey, TestTokenIssuer.BotFrameworkTenantId, o => o.Claims["ver"] = "3.0"));
            case "entra-serviceurl-mismatch":
                return Bearer(issuer.CreateEntraV2Token(_auth.EntraKey, OurTenantId, o => o.Claims["serviceurl"] = "https://evil.example/"));
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case, "Unknown case.");
        }
    }

    private static string Bearer(string token) => "Bearer " + token;
}
