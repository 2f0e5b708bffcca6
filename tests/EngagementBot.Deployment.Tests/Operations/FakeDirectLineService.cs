using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Deployment.Tests.Operations;

/// <summary>
/// A real Kestrel server on 127.0.0.1 standing in for the Direct Line service's
/// <c>POST /v3/directline/tokens/generate</c>, with its documented shapes: <c>Authorization: Bearer &lt;secret&gt;</c>,
/// optional body <c>{ "user": { "id" }, "trustedOrigins": [] }</c>, answer <c>{ conversationId, token, expires_in }</c>, 403 with
/// <c>{ error: { code, message } }</c> for a wrong secret.
/// </summary>
internal sealed class FakeDirectLineService : IAsyncDisposable
{
    public const string Secret = "fake-direct-line-secret.Zq8xY1vK3mN5pR7tW9bC2dF4gH6jL8";

    private readonly WebApplication _app;

    private FakeDirectLineService(WebApplication app) => _app = app;

    /// <summary>Requests received: the Authorization header and the body's user id.</summary>
    public ConcurrentQueue<(string? Authorization, string? UserId, string? TrustedOrigin)> Requests { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<FakeDirectLineService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeDirectLineService(app);
        app.MapPost("/v3/directline/tokens/generate", async (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            var body = context.Request.ContentLength > 0 ? JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) : null;
            var userId = (string?)body?["user"]?["id"];
            service.Requests.Enqueue((authorization, userId, (string?)body?["trustedOrigins"]?[0]));
            if (authorization != "Bearer " + Secret)
            {
                return Results.Json(new { error = new { code = "BadArgument", message = "Invalid secret" } }, statusCode: 403);
            }

            return Results.Json(new Dictionary<string, object>
            {
                ["conversationId"] = "Fk3lW9" + Guid.NewGuid().ToString("N")[..8] + "-us",
                ["token"] = "ew0KICAiYWxnIjogIlJTMjU2Ig." + Guid.NewGuid().ToString("N"),
                ["expires_in"] = 3600,
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Endpoint = new Uri(address + "/");
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
