using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (dynamic port) serving OpenID metadata and JWKS documents the way
/// login.botframework.com (with key <c>endorsements</c>) and login.microsoftonline.com do. Keys can be published,
/// rotated and removed while it runs; every request is counted. Usage:
/// <code>
/// await using var metadata = await OpenIdMetadataServer.StartAsync();
/// using var key = TestSigningKey.Create();
/// metadata.BotFramework.Publish(key, "msteams");     // Bot Connector JWKS, key endorses msteams
/// metadata.Entra.Publish(entraKey);                  // Entra ID JWKS (same keys for every tenant)
/// var settings = metadata.ConfigurationValues(appId: "bot-app-id", tenantId: "our-tenant");
/// // -> MicrosoftAppId, MicrosoftAppTenantId, ChannelAuthentication:* pointing here (RequireHttpsMetadata=false);
/// //    feed them to ConfigurationBuilder.AddInMemoryCollection or WebApplicationFactory.
/// metadata.BotFramework.KeyRequests                 // how many times the JWKS was fetched
/// </code>
/// </summary>
public sealed class OpenIdMetadataServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenIdMetadataServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        MapEndpoints();
    }

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Keys of the Bot Connector service (issuer api.botframework.com).</summary>
    public PublishedKeySet BotFramework { get; } = new();

    /// <summary>Keys of Entra ID, served for every tenant.</summary>
    public PublishedKeySet Entra { get; } = new();

    /// <summary>Tenants whose Entra metadata or keys were requested, in order.</summary>
    public IReadOnlyCollection<string> RequestedEntraTenants => _requestedEntraTenants;

    private readonly ConcurrentQueue<string> _requestedEntraTenants = new();

    public string BotFrameworkMetadataUrl => new Uri(BaseAddress, "botframework/v1/.well-known/openidconfiguration").ToString();

    /// <summary>Entra metadata URL with the <c>{tenant}</c> placeholder.</summary>
    public string EntraMetadataUrlTemplate => BaseAddress + "entra/{tenant}/v2.0/.well-known/openid-configuration";

    public static async Task<OpenIdMetadataServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new OpenIdMetadataServer();
        await server._app.StartAsync(cancellationToken);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>
    /// Configuration for <c>AddChannelAuthentication</c> (root keys + <c>ChannelAuthentication:*</c>) pointing at this
    /// server, with plain HTTP allowed and a 1-second minimum between key refreshes.
    /// </summary>
    public Dictionary<string, string?> ConfigurationValues(string appId, string? tenantId = null) => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppTenantId"] = tenantId,
        ["ChannelAuthentication:BotFrameworkOpenIdMetadataUrl"] = BotFrameworkMetadataUrl,
        ["ChannelAuthentication:EntraOpenIdMetadataUrlTemplate"] = EntraMetadataUrlTemplate,
        ["ChannelAuthentication:RequireHttpsMetadata"] = "false",
        ["ChannelAuthentication:MetadataRefreshInterval"] = "00:00:01",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapEndpoints()
    {
        // The documents name BaseAddress, which is known once Kestrel has picked its port (before any request).
        _app.MapGet("/botframework/v1/.well-known/openidconfiguration", () =>
        {
            BotFramework.CountMetadataRequest();
            return Json(Metadata(BotFrameworkAuthenticationConstants.BotConnectorIssuer, new Uri(BaseAddress, "botframework/keys")));
        });
        _app.MapGet("/botframework/keys", () =>
        {
            BotFramework.CountKeyRequest();
            return Json(BotFramework.ToJsonWebKeySet());
        });
        _app.MapGet("/entra/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            _requestedEntraTenants.Enqueue(tenant);
            Entra.CountMetadataRequest();
            return Json(Metadata(BotFrameworkAuthenticationConstants.EntraV2Issuer(tenant), new Uri(BaseAddress, $"entra/{tenant}/discovery/v2.0/keys")));
        });
        _app.MapGet("/entra/{tenant}/discovery/v2.0/keys", (string tenant) =>
        {
            Entra.CountKeyRequest();
            return Json(Entra.ToJsonWebKeySet());
        });
    }

    private static JsonObject Metadata(string issuer, Uri jwksUri) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = new Uri(jwksUri, "authorize").ToString(),
        ["jwks_uri"] = jwksUri.ToString(),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private static IResult Json(JsonObject document) => Results.Text(document.ToJsonString(), "application/json");
}

/// <summary>The keys one authority publishes in its JWKS; thread-safe, changes are visible on the next request.</summary>
public sealed class PublishedKeySet
{
    private readonly Lock _lock = new();
    private readonly List<(TestSigningKey Key, string[]? Endorsements)> _keys = [];
    private int _metadataRequests;
    private int _keyRequests;

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeyRequests => Volatile.Read(ref _keyRequests);

    /// <summary>Adds (or replaces, by key id) a key; with no endorsements the JWK has no <c>endorsements</c> member.</summary>
    public void Publish(TestSigningKey key, params string[] endorsements)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            _keys.RemoveAll(entry => entry.Key.KeyId == key.KeyId);
            _keys.Add((key, endorsements.Length == 0 ? null : endorsements));
        }
    }

    /// <summary>Key rotation: the set becomes exactly <paramref name="key"/>.</summary>
    public void ReplaceAllWith(TestSigningKey key, params string[] endorsements)
    {
        Clear();
        Publish(key, endorsements);
    }

    public bool Remove(string keyId)
    {
        lock (_lock)
        {
            return _keys.RemoveAll(entry => entry.Key.KeyId == keyId) > 0;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _keys.Clear();
        }
    }

    internal void CountMetadataRequest() => Interlocked.Increment(ref _metadataRequests);

    internal void CountKeyRequest() => Interlocked.Increment(ref _keyRequests);

    internal JsonObject ToJsonWebKeySet()
    {
        lock (_lock)
        {
            return new JsonObject { ["keys"] = new JsonArray(_keys.Select(entry => (JsonNode?)entry.Key.ToJsonWebKey(entry.Endorsements)).ToArray()) };
        }
    }
}
