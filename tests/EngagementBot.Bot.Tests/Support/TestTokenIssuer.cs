using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// Makes the JWTs channels send, signed with <see cref="TestSigningKey"/>s (self-signed RSA), and the forgeries they
/// must not be confused with. Usage from any test class:
/// <code>
/// await using var metadata = await OpenIdMetadataServer.StartAsync();
/// using var key = TestSigningKey.Create();
/// metadata.BotFramework.Publish(key, "msteams", "webchat");          // JWKS entry endorsing those channels
/// var issuer = new TestTokenIssuer(appId: "bot-app-id");
/// var token = issuer.CreateBotConnectorToken(key, serviceUrl: "https://smba.example/emea/");
/// var evil  = issuer.CreateBotConnectorToken(key, "https://smba.example/emea/", o => o.Audience = "other-app");
/// // Entra ID (emulator/skills): issuer.CreateEntraV2Token(key, TestTokenIssuer.BotFrameworkTenantId, o => o.Claims["azp"] = "x")
/// // configuration for AddChannelAuthentication: metadata.ConfigurationValues(appId: "bot-app-id", tenantId: "...")
/// </code>
/// Times are relative to the <see cref="TimeProvider"/> given (system clock by default): valid from 1 minute ago
/// for 1 hour.
/// </summary>
public sealed class TestTokenIssuer(string appId, TimeProvider? timeProvider = null)
{
    public const string BotFrameworkTenantId = BotFrameworkAuthenticationConstants.BotFrameworkTenantId;
    public const string BotFrameworkSecondaryTenantId = BotFrameworkAuthenticationConstants.BotFrameworkSecondaryTenantId;

    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    public string AppId { get; } = appId;

    /// <summary>Options of a valid Bot Connector token (issuer api.botframework.com, audience the app id, serviceurl).</summary>
    public TestTokenOptions BotConnectorOptions(string serviceUrl)
    {
        var options = Lifetime(new TestTokenOptions { Issuer = BotFrameworkAuthenticationConstants.BotConnectorIssuer, Audience = AppId });
        options.Claims["serviceurl"] = serviceUrl;
        return options;
    }

    /// <summary>Options of a valid Entra ID v1.0 token from <paramref name="tenantId"/> (caller = the app itself, in appid).</summary>
    public TestTokenOptions EntraV1Options(string tenantId)
    {
        var options = Lifetime(new TestTokenOptions { Issuer = BotFrameworkAuthenticationConstants.EntraV1Issuer(tenantId), Audience = AppId });
        options.Claims["ver"] = "1.0";
        options.Claims["appid"] = AppId;
        options.Claims["tid"] = tenantId;
        return options;
    }

    /// <summary>Options of a valid Entra ID v2.0 token from <paramref name="tenantId"/> (caller = the app itself, in azp).</summary>
    public TestTokenOptions EntraV2Options(string tenantId)
    {
        var options = Lifetime(new TestTokenOptions { Issuer = BotFrameworkAuthenticationConstants.EntraV2Issuer(tenantId), Audience = AppId });
        options.Claims["ver"] = "2.0";
        options.Claims["azp"] = AppId;
        options.Claims["tid"] = tenantId;
        return options;
    }

    public string CreateBotConnectorToken(TestSigningKey key, string serviceUrl, Action<TestTokenOptions>? customize = null) =>
        CreateToken(key, Customize(BotConnectorOptions(serviceUrl), customize));

    public string CreateEntraV1Token(TestSigningKey key, string tenantId, Action<TestTokenOptions>? customize = null) =>
        CreateToken(key, Customize(EntraV1Options(tenantId), customize));

    public string CreateEntraV2Token(TestSigningKey key, string tenantId, Action<TestTokenOptions>? customize = null) =>
        CreateToken(key, Customize(EntraV2Options(tenantId), customize));

    /// <summary>An RSA-signed token (RS256/RS384/RS512/PS256 per <see cref="TestTokenOptions.Algorithm"/>).</summary>
    public static string CreateToken(TestSigningKey key, TestTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        var (hash, padding) = options.Algorithm switch
        {
            "RS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "RS384" => (HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            "RS512" => (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            "PS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => throw new ArgumentException($"Use CreateUnsignedToken / CreateHmacTokenSignedWithPublicKey for '{options.Algorithm}'.", nameof(options)),
        };
        var signingInput = SigningInput(options, options.KeyId ?? key.KeyId);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), hash, padding);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>An <c>alg: none</c> token with an empty signature.</summary>
    public static string CreateUnsignedToken(TestTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Algorithm = "none";
        return SigningInput(options, options.KeyId) + ".";
    }

    /// <summary>The classic confusion attack: HS256 with the RSA public key (as published) as the HMAC secret.</summary>
    public static string CreateHmacTokenSignedWithPublicKey(TestSigningKey key, TestTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Algorithm = "HS256";
        var signingInput = SigningInput(options, options.KeyId ?? key.KeyId);
        var signature = HMACSHA256.HashData(key.PublicKeyDer, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private TestTokenOptions Lifetime(TestTokenOptions options)
    {
        var now = _timeProvider.GetUtcNow();
        options.IssuedAt = now.AddMinutes(-1);
        options.NotBefore = now.AddMinutes(-1);
        options.Expires = now.AddHours(1);
        return options;
    }

    private static TestTokenOptions Customize(TestTokenOptions options, Action<TestTokenOptions>? customize)
    {
        customize?.Invoke(options);
        return options;
    }

    private static string SigningInput(TestTokenOptions options, string? keyId)
    {
        var header = new JsonObject { ["alg"] = options.Algorithm, ["typ"] = "JWT" };
        if (!string.IsNullOrEmpty(keyId))
        {
            header["kid"] = keyId;
        }

        var payload = new JsonObject();
        AddIfSet(payload, "iss", options.Issuer);
        AddIfSet(payload, "aud", options.Audience);
        AddIfSet(payload, "nbf", options.NotBefore?.ToUnixTimeSeconds());
        AddIfSet(payload, "exp", options.Expires?.ToUnixTimeSeconds());
        AddIfSet(payload, "iat", options.IssuedAt?.ToUnixTimeSeconds());
        foreach (var (name, value) in options.Claims)
        {
            payload.Remove(name);
            if (value is not null)
            {
                payload[name] = ToJsonNode(value);
            }
        }

        return Base64UrlEncoder.Encode(header.ToJsonString()) + "." + Base64UrlEncoder.Encode(payload.ToJsonString());
    }

    private static JsonNode ToJsonNode(object value) => value switch
    {
        string text => JsonValue.Create(text),
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        DateTimeOffset time => JsonValue.Create(time.ToUnixTimeSeconds()),
        IEnumerable<string> texts => new JsonArray(texts.Select(text => (JsonNode?)JsonValue.Create(text)).ToArray()),
        JsonNode node => node.DeepClone(),
        _ => throw new ArgumentException($"Unsupported claim value type {value.GetType().Name}.", nameof(value)),
    };

    private static void AddIfSet<T>(JsonObject payload, string name, T? value)
    {
        if (value is not null)
        {
            payload[name] = JsonValue.Create(value);
        }
    }
}
