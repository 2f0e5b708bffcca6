using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>
/// The staff REST API through HTTP on the real bot with an app id: Entra ID bearer tokens from the loopback OpenID
/// metadata server (no token, wrong audience, another tenant, unknown key, expired, citizen, staff member, staff group,
/// app role), validation errors as problem+json, dry-run audience, create → publish → progress → list, and the
/// OpenAPI document.
/// </summary>
public sealed class StaffApiTests : IAsyncLifetime
{
    private const string AppId = "5d2f7c1e-0000-4000-8000-0000000a11ce";
    private const string Tenant = "2b7c9a11-0000-4000-8000-0000000c17e5";
    private const string OtherTenant = "99999999-0000-4000-8000-000000000bad";
    private const string StaffOid = "0f0f0f0f-0000-4000-8000-00000000057a";
    private const string CitizenOid = "c1c1c1c1-0000-4000-8000-0000000c1712";
    private const string StaffGroup = "6a6a6a6a-0000-4000-8000-0000000091e0";

    private readonly TestSigningKey _entraKey = TestSigningKey.Create("entra-staff-key");
    private readonly TestSigningKey _unknownKey = TestSigningKey.Create("not-published");
    private readonly TestTokenIssuer _issuer = new(AppId);
    private OpenIdMetadataServer _metadata = null!;
    private BotApplicationFactory _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _metadata = await OpenIdMetadataServer.StartAsync();
        _metadata.Entra.Publish(_entraKey);
        var settings = _metadata.ConfigurationValues(AppId, Tenant);
        settings["MicrosoftAppPassword"] = "not-used-no-outbound-call";
        settings["Storage:SeedDemoContent"] = "true";
        settings["Staff:Members:0:AadObjectId"] = StaffOid;
        settings["Staff:Groups:0:GroupId"] = StaffGroup;
        settings["StaffApi:ApiKey"] = "an-api-key-that-must-not-work-here";
        _bot = new BotApplicationFactory(settings, environment: "Production");
        _client = new HttpClient { BaseAddress = _bot.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _metadata.DisposeAsync();
        _entraKey.Dispose();
        _unknownKey.Dispose();
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "none", "Authentication required" },
        { "wrong-audience", "another audience" },
        { "other-tenant", "another tenant" },
        { "unknown-key", "key the identity provider does not publish" },
        { "expired", "expired" },
        { "basic", "Only the Bearer authorization scheme" },
        { "garbage", "malformed" },
        { "api-key-outside-local-mode", "local mode only" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Requests_without_a_valid_token_get_401_with_the_reason(string caller, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/projects/{PublishingSeed.Project}/notifications");
        switch (caller)
        {
            case "wrong-audience":
                Bearer(request, Token(o => o.Audience = "api://someone-else"));
                break;
            case "other-tenant":
                Bearer(request, _issuer.CreateEntraV2Token(_entraKey, OtherTenant, o => o.Claims["oid"] = StaffOid));
                break;
            case "unknown-key":
                Bearer(request, _issuer.CreateEntraV2Token(_unknownKey, Tenant, o => o.Claims["oid"] = StaffOid));
                break;
            case "expired":
                Bearer(request, Token(o =>
                {
                    o.IssuedAt = DateTimeOffset.UtcNow.AddHours(-3);
                    o.NotBefore = DateTimeOffset.UtcNow.AddHours(-3);
                    o.Expires = DateTimeOffset.UtcNow.AddHours(-1);
                }));
                break;
            case "basic":
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
                break;
            case "garbage":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt");
                break;
            case "api-key-outside-local-mode":
                request.Headers.Add("X-Api-Key", "an-api-key-that-must-not-work-here");
                break;
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, await Activities.ProblemDetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_of_a_citizen_gets_403_with_the_reason()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/staff/projects/{PublishingSeed.Project}/notifications", Token(o => o.Claims["oid"] = CitizenOid));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no staff role", await Activities.ProblemDetailAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("member")]
    [InlineData("group")]
    [InlineData("app-role")]
    public async Task Staff_by_membership_group_or_app_role_are_let_in(string how)
    {
        var token = how switch
        {
            "member" => Token(o => o.Claims["oid"] = StaffOid),
            "group" => Token(o => { o.Claims["oid"] = CitizenOid; o.Claims["groups"] = new[] { StaffGroup }; }),
            _ => Token(o => o.Claims["roles"] = new[] { "EngagementBot.Staff" }),
        };

        using var response = await SendAsync(HttpMethod.Get, $"/api/staff/projects/{PublishingSeed.Project}/notifications", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, page.RootElement.GetProperty("items").ValueKind);
    }

    [Fact]
    public async Task Invalid_notifications_get_400_problem_json_naming_each_field()
    {
        using var response = await SendAsync(
            HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications", StaffToken(),
            """{"kind":"gossip","title":{"fr":"Titre"},"body":{},"link":"http://not-secure.example"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await Activities.ProblemDetailAsync(response);
        Assert.Contains("kind must be one of news, interimReport, finalResults, eventReminder.", detail, StringComparison.Ordinal);
        Assert.Contains("the French text has a title but no body.", detail, StringComparison.Ordinal);
        Assert.Contains("the link must be an absolute https address.", detail, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("body", out _) && errors.TryGetProperty("link", out _), errors.GetRawText());
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("kind=news", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "application/json")]
    public async Task Malformed_bodies_get_a_problem_with_the_reason(string body, string contentType, HttpStatusCode status, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        Bearer(request, StaffToken());

        using var response = await _client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await Activities.ProblemDetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var json = JsonSerializer.Serialize(new { kind = "news", title = new { fr = "Titre" }, body = new { fr = new string('x', 70_000) } });

        using var response = await SendAsync(HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications", StaffToken(), json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 65536 bytes", await Activities.ProblemDetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_project_or_notification_is_404()
    {
        using var project = await SendAsync(HttpMethod.Post, "/api/staff/projects/nowhere/notifications", StaffToken(), NewsJson(dryRun: true));
        using var notification = await SendAsync(HttpMethod.Get, "/api/staff/notifications/0000", StaffToken());

        Assert.Equal(HttpStatusCode.NotFound, project.StatusCode);
        Assert.Contains("There is no project 'nowhere'.", await Activities.ProblemDetailAsync(project), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notification.StatusCode);
    }

    [Fact]
    public async Task Dry_run_counts_the_audience_and_stores_nothing_then_create_publish_and_progress()
    {
        await PublishingSeed.AddSubscriberAsync(_bot.Services, SubscriptionTopics.News);
        await PublishingSeed.AddSubscriberAsync(_bot.Services, SubscriptionTopics.All, language: "en");
        await PublishingSeed.AddSubscriberAsync(_bot.Services, SubscriptionTopics.News, Reachability.Unreachable);
        await PublishingSeed.AddSubscriberAsync(_bot.Services, SubscriptionTopics.Results);

        using var dryRun = await SendAsync(HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications", StaffToken(), NewsJson(dryRun: true));
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        using (var preview = JsonDocument.Parse(await dryRun.Content.ReadAsStringAsync()))
        {
            Assert.Equal(3, preview.RootElement.GetProperty("audience").GetInt32());
            Assert.Equal("news", preview.RootElement.GetProperty("kind").GetString());
        }

        Assert.Empty(await ListAsync());

        using var created = await SendAsync(HttpMethod.Post, $"/api/staff/projects/{PublishingSeed.Project}/notifications", StaffToken(), NewsJson(dryRun: false));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/staff/notifications/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("draft", (await GetAsync(id)).GetProperty("status").GetString());
        Assert.Empty(await PublishingSeed.DeliveriesAsync(_bot.Services, id));

        using var published = await SendAsync(HttpMethod.Post, $"/api/staff/notifications/{id}/publish", StaffToken());
        using var again = await SendAsync(HttpMethod.Post, $"/api/staff/notifications/{id}/publish", StaffToken());

        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);
        var result = JsonDocument.Parse(await published.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("queued", result.GetProperty("status").GetString());
        Assert.Equal(3, result.GetProperty("recipients").GetInt32());
        Assert.Equal(3, result.GetProperty("added").GetInt32());
        Assert.Equal(1, result.GetProperty("unreachable").GetInt32());
        Assert.Equal(0, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("added").GetInt32());
        Assert.Equal(3, (await PublishingSeed.DeliveriesAsync(_bot.Services, id)).Count);

        var read = await GetAsync(id);
        Assert.Equal($"entra:{StaffOid}", read.GetProperty("createdBy").GetString());
        Assert.Equal("0 / 3 sent, 0 failed, 1 unreachable, 2 pending", read.GetProperty("progress").GetProperty("summary").GetString());
        Assert.Equal("Nouveau sentier", read.GetProperty("title").GetProperty("fr").GetString());
        var listed = Assert.Single(await ListAsync());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal("queued", listed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_staff_routes_only()
    {
        using var response = await _client.GetAsync("/api/staff/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("EngagementBot staff API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["/api/staff/notifications/{id}", "/api/staff/notifications/{id}/cancel", "/api/staff/notifications/{id}/publish", "/api/staff/projects/{slug}/notifications"],
            paths.Order(StringComparer.Ordinal));
        var create = document.RootElement.GetProperty("paths").GetProperty("/api/staff/projects/{slug}/notifications").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        var cancel = document.RootElement.GetProperty("paths").GetProperty("/api/staff/notifications/{id}/cancel").GetProperty("post");
        Assert.Equal(["200", "404", "409"], cancel.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("security").GetArrayLength());
    }

    private static string NewsJson(bool dryRun) => JsonSerializer.Serialize(new
    {
        kind = "news",
        title = new { fr = "Nouveau sentier", en = "New trail" },
        body = new { fr = "Le sentier riverain ouvre samedi.", en = "The riverside trail opens on Saturday." },
        link = "https://riviere-claire.example/berges/sentier",
        dryRun,
    });

    private async Task<List<JsonElement>> ListAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/staff/projects/{PublishingSeed.Project}/notifications", StaffToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()];
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/staff/notifications/{id}", StaffToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private string StaffToken() => Token(o => o.Claims["oid"] = StaffOid);

    private string Token(Action<TestTokenOptions> customize) => _issuer.CreateEntraV2Token(_entraKey, Tenant, customize);

    private static void Bearer(HttpRequestMessage request, string token) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        Bearer(request, token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _client.SendAsync(request);
    }
}
