using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Dialogs.Resources;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// The load test's loopback counterparts of the cloud (see bench/README.md):
//   --connector-port : a channel connector stub that accepts the Connector v3 reply routes.
//   --identity-port  : the Bot Framework OpenID metadata + JWKS (with endorsements) for our self-signed key,
//                      and an App Service managed-identity token endpoint (IDENTITY_ENDPOINT) for outbound tokens.
//   --bare-port      : the reference "limit": parse the same activity, post the same reply with a plain HttpClient.
// It writes a channel token (signed with its key, serviceurl = the connector stub) to --token-out.
var options = BenchOptions.Parse(args);
using var key = RSA.Create(2048);
var signingKey = new RsaSecurityKey(key) { KeyId = "bench-key-1" };
var connectorUrl = $"http://127.0.0.1:{options.ConnectorPort}";

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(
    $"http://127.0.0.1:{options.ConnectorPort}",
    $"http://127.0.0.1:{options.IdentityPort}",
    $"http://127.0.0.1:{options.BarePort}");
builder.Services.AddHttpClient("bare").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
var app = builder.Build();

// 1. Connector stub.
var replyId = 0L;
app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (HttpContext http) =>
{
    await http.Request.Body.CopyToAsync(Stream.Null);
    var id = Interlocked.Increment(ref replyId);
    http.Response.ContentType = "application/json";
    await http.Response.WriteAsync($"{{\"id\":\"{id}\"}}");
}).RequireHost($"*:{options.ConnectorPort}");

app.MapGet("/stats", () => Results.Json(new Dictionary<string, long> { ["replies"] = Interlocked.Read(ref replyId) })).RequireHost($"*:{options.ConnectorPort}");

// 2. Identity: OpenID metadata, JWKS with endorsements, managed-identity token endpoint.
var parameters = key.ExportParameters(false);
var jwks = new JsonObject
{
    ["keys"] = new JsonArray(new JsonObject
    {
        ["kty"] = "RSA",
        ["use"] = "sig",
        ["kid"] = signingKey.KeyId,
        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        ["endorsements"] = new JsonArray("msteams", "directline", "webchat", "emulator"),
    }),
}.ToJsonString();
var identityUrl = $"http://127.0.0.1:{options.IdentityPort}";
var metadata = new JsonObject
{
    ["issuer"] = "https://api.botframework.com",
    ["authorization_endpoint"] = "https://invalid.botframework.com",
    ["jwks_uri"] = $"{identityUrl}/v1/.well-known/keys",
    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
}.ToJsonString();
app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Text(metadata, "application/json")).RequireHost($"*:{options.IdentityPort}");
app.MapGet("/v1/.well-known/keys", () => Results.Text(jwks, "application/json")).RequireHost($"*:{options.IdentityPort}");
app.MapGet("/msi/token", (HttpContext http) =>
{
    var expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
    return Results.Json(new Dictionary<string, object>
    {
        ["access_token"] = "bench-outbound-token",
        ["expires_on"] = expiresOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["expires_in"] = 3600,
        ["resource"] = "https://api.botframework.com",
        ["token_type"] = "Bearer",
        ["client_id"] = options.AppId,
    });
}).RequireHost($"*:{options.IdentityPort}");

// 3. The bare reply endpoint.
var helpText = DialogTexts.Get(DialogTexts.Help, "en");
var bareClient = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("bare");
app.MapPost("/api/messages", async (HttpContext http) =>
{
    var activity = await JsonSerializer.DeserializeAsync(http.Request.Body, BotJsonContext.Default.Activity, http.RequestAborted);
    if (activity?.ServiceUrl is null || activity.Conversation?.Id is null)
    {
        http.Response.StatusCode = 400;
        return;
    }

    var reply = activity.CreateReply(helpText);
    var url = $"{activity.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(activity.Conversation.Id)}/activities/{Uri.EscapeDataString(activity.Id ?? "x")}";
    using var response = await bareClient.PostAsJsonAsync(url, reply, BotJsonContext.Default.Activity, http.RequestAborted);
    http.Response.StatusCode = response.IsSuccessStatusCode ? 200 : 502;
}).RequireHost($"*:{options.BarePort}");

// The channel token wrk sends (valid one day).
var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
{
    Issuer = "https://api.botframework.com",
    Audience = options.AppId,
    IssuedAt = DateTime.UtcNow.AddMinutes(-1),
    NotBefore = DateTime.UtcNow.AddMinutes(-1),
    Expires = DateTime.UtcNow.AddDays(1),
    Claims = new Dictionary<string, object> { ["serviceurl"] = connectorUrl },
    SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
});
await File.WriteAllTextAsync(options.TokenOut, token);

await app.RunAsync();

internal sealed record BenchOptions(int ConnectorPort, int IdentityPort, int BarePort, string AppId, string TokenOut)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new BenchOptions(
            int.Parse(Value("--connector-port", "39001"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("--identity-port", "39002"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("--bare-port", "39003"), System.Globalization.CultureInfo.InvariantCulture),
            Value("--app-id", "00000000-0000-0000-0000-0000000be4c1"),
            Value("--token-out", Path.Combine(Path.GetTempPath(), "engagementbot-bench-token.txt")));
    }
}
