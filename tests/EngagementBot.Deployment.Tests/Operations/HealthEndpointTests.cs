using System.Net;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Connector.Credentials;
using EngagementBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Deployment.Tests.Operations;

/// <summary><c>/health/live</c> and <c>/health/ready</c> (store and connector token), and the shutdown timeout.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Ready_with_the_real_store_in_local_mode()
    {
        await using var host = await OperationsHost.StartAsync([]);

        var (status, json) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)json["status"]);
        Assert.Equal("Healthy", (string?)json["checks"]!["store"]!["status"]);
        Assert.Equal("Healthy", (string?)json["checks"]!["connector-token"]!["status"]);
    }

    [Fact]
    public async Task Unreachable_store_makes_ready_fail_but_live_stays_up()
    {
        await using var host = await OperationsHost.StartAsync([], services => services.AddScoped<IStateStore, UnreachableStateStore>());

        var (readyStatus, ready) = await GetAsync(host, "/health/ready");
        var (liveStatus, live) = await GetAsync(host, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("Unhealthy", (string?)ready["checks"]!["store"]!["status"]);
        Assert.DoesNotContain("secret-host", ready.ToJsonString(), StringComparison.Ordinal); // exception messages are not published
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", (string?)live["status"]);
    }

    [Fact]
    public async Task With_an_app_id_ready_needs_a_connector_token()
    {
        var appId = new Dictionary<string, string?> { ["MicrosoftAppId"] = "2f6a0c1e-8d4b-4e7a-9c35-1b2d3e4f5a6b", ["MicrosoftAppTenantId"] = "contoso.example" };
        await using var failing = await OperationsHost.StartAsync(appId, services => services.AddSingleton<IBotTokenProvider>(new TokenProvider(null)));
        await using var working = await OperationsHost.StartAsync(appId, services => services.AddSingleton<IBotTokenProvider>(new TokenProvider("eyJ0eXAiOiJKV1Qi.token")));

        var (failingStatus, failingJson) = await GetAsync(failing, "/health/ready");
        var (workingStatus, _) = await GetAsync(working, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failingStatus);
        Assert.Equal("Unhealthy", (string?)failingJson["checks"]!["connector-token"]!["status"]);
        Assert.Equal(HttpStatusCode.OK, workingStatus);
    }

    [Fact]
    public async Task Shutdown_timeout_comes_from_configuration()
    {
        await using var host = await OperationsHost.StartAsync(new() { ["Operations:ShutdownTimeout"] = "00:00:42" });

        Assert.Equal(TimeSpan.FromSeconds(42), host.App.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task Shutdown_timeout_out_of_range_stops_the_start()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => OperationsHost.StartAsync(new() { ["Operations:ShutdownTimeout"] = "01:00:00" }));
        Assert.Contains("Operations:ShutdownTimeout must be between", exception.Message, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Json)> GetAsync(OperationsHost host, string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>A store whose server cannot be reached (as a Cosmos account behind a broken network would be).</summary>
    private sealed class UnreachableStateStore : IStateStore
    {
        public Task<IReadOnlyDictionary<string, StateItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (secret-host.documents.azure.com:443)");

        public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyCollection<StateChange> changes, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused");

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => throw new HttpRequestException("Connection refused");
    }

    /// <summary>A credential that yields a token, or none (as a managed identity that is not assigned would).</summary>
    private sealed class TokenProvider(string? token) : IBotTokenProvider
    {
        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) =>
            token is null ? throw new InvalidOperationException("ManagedIdentityCredential authentication unavailable") : ValueTask.FromResult<string?>(token);
    }
}
