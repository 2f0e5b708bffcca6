using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace EngagementBot.Deployment.Tests.Operations;

/// <summary>
/// <c>POST /api/webchat/token</c> against a real loopback server standing in for Direct Line: allowed origins only,
/// per-address rate limit, the secret never in a response.
/// </summary>
public sealed class WebChatTokenEndpointTests : IAsyncLifetime
{
    private const string Site = "https://www.city.example";
    private FakeDirectLineService _directLine = null!;

    public async Task InitializeAsync() => _directLine = await FakeDirectLineService.StartAsync();

    public async Task DisposeAsync() => await _directLine.DisposeAsync();

    [Fact]
    public async Task Allowed_origin_gets_a_token_bound_to_a_fresh_user_and_never_the_secret()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.SendAsync(TokenRequest(Site));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(FakeDirectLineService.Secret, body, StringComparison.Ordinal);
        Assert.Equal(Site, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = JsonNode.Parse(body)!;
        Assert.StartsWith("ew0KICAiYWxnIjogIlJTMjU2Ig.", (string?)json["token"], StringComparison.Ordinal);
        Assert.Equal(3600, (int?)json["expiresIn"]);
        var (authorization, userId, trustedOrigin) = Assert.Single(_directLine.Requests);
        Assert.Equal(Site, trustedOrigin);
        Assert.Equal("Bearer " + FakeDirectLineService.Secret, authorization);
        Assert.StartsWith("dl_", userId, StringComparison.Ordinal);
        Assert.Equal(userId, (string?)json["userId"]);
    }

    [Fact]
    public async Task Each_request_gets_its_own_user()
    {
        await using var host = await StartAsync();
        using var first = await host.Client.SendAsync(TokenRequest(Site));
        using var second = await host.Client.SendAsync(TokenRequest(Site));
        var users = _directLine.Requests.Select(r => r.UserId).ToArray();
        Assert.Equal(2, users.Distinct().Count());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://www.city.example")]
    [InlineData("https://www.city.example.evil.example")]
    [InlineData(null)]
    public async Task Other_or_missing_origin_is_refused_without_calling_direct_line(string? origin)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.SendAsync(TokenRequest(origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OriginNotAllowed", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Empty(_directLine.Requests);
    }

    [Fact]
    public async Task Preflight_is_answered_for_an_allowed_origin_only()
    {
        await using var host = await StartAsync();

        using var allowed = await host.Client.SendAsync(Preflight(Site));
        using var refused = await host.Client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Site, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Client_address_over_its_quota_gets_429_with_retry_after()
    {
        await using var host = await StartAsync(new() { ["WebChatEmbedding:TokensPerClientAddress"] = "2", ["WebChatEmbedding:RateLimitWindow"] = "00:10:00" });

        using var first = await host.Client.SendAsync(TokenRequest(Site));
        using var second = await host.Client.SendAsync(TokenRequest(Site));
        using var third = await host.Client.SendAsync(TokenRequest(Site));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("RateLimited", (string?)JsonNode.Parse(await third.Content.ReadAsStringAsync())!["reason"]);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(2, _directLine.Requests.Count);
    }

    [Fact]
    public async Task Direct_line_refusal_is_a_502_problem_that_does_not_leak_the_secret()
    {
        await using var host = await StartAsync(new() { ["WebChatEmbedding:DirectLineSecret"] = "wrong-secret-value-1234567890" });

        using var response = await host.Client.SendAsync(TokenRequest(Site));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("DirectLineUnavailable", (string?)JsonNode.Parse(body)!["reason"]);
        Assert.DoesNotContain("wrong-secret-value", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_direct_line_is_a_502_problem()
    {
        var closedPort = new Uri("http://127.0.0.1:9/");
        await using var host = await StartAsync(new() { ["WebChatEmbedding:DirectLineEndpoint"] = closedPort.ToString() });

        using var response = await host.Client.SendAsync(TokenRequest(Site));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_secret_the_endpoint_is_not_found()
    {
        await using var host = await StartAsync(new() { ["WebChatEmbedding:DirectLineSecret"] = "" });

        using var response = await host.Client.SendAsync(TokenRequest(Site));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotConfigured", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]);
    }

    [Fact]
    public async Task Origins_may_be_one_semicolon_separated_setting_as_app_service_sets_them()
    {
        await using var host = await StartAsync(new() { ["WebChatEmbedding:AllowedOrigins"] = "https://a.example; https://b.example", ["WebChatEmbedding:AllowedOrigins:0"] = null });

        using var b = await host.Client.SendAsync(TokenRequest("https://b.example"));
        using var site = await host.Client.SendAsync(TokenRequest(Site));

        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, site.StatusCode);
    }

    [Theory]
    [InlineData("WebChatEmbedding:AllowedOrigins:0", "https://www.city.example/page", "WebChatEmbedding:AllowedOrigins contains 'https://www.city.example/page'")]
    [InlineData("WebChatEmbedding:AllowedOrigins:0", null, "WebChatEmbedding:AllowedOrigins is empty")]
    [InlineData("WebChatEmbedding:DirectLineEndpoint", "http://directline.example/", "WebChatEmbedding:DirectLineEndpoint must be an https URI")]
    [InlineData("WebChatEmbedding:TokensPerClientAddress", "0", "WebChatEmbedding:TokensPerClientAddress must be between 1 and 10000")]
    public async Task Wrong_settings_stop_the_start_with_a_message_naming_them(string key, string? value, string message)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    private Task<OperationsHost> StartAsync(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WebChatEmbedding:DirectLineSecret"] = FakeDirectLineService.Secret,
            ["WebChatEmbedding:DirectLineEndpoint"] = _directLine.Endpoint.ToString(),
            ["WebChatEmbedding:AllowedOrigins:0"] = Site,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return OperationsHost.StartAsync(settings);
    }

    private static HttpRequestMessage TokenRequest(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token") { Content = JsonContent.Create(new { }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/webchat/token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
