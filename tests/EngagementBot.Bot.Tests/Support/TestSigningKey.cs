using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// A self-signed RSA signing key with a key id, as a channel's token service would hold it. Publish it with
/// <see cref="OpenIdMetadataServer"/> and sign tokens with it through <see cref="TestTokenIssuer"/>.
/// </summary>
public sealed class TestSigningKey : IDisposable
{
    private TestSigningKey(string keyId, RSA rsa)
    {
        KeyId = keyId;
        Rsa = rsa;
    }

    public string KeyId { get; }

    public RSA Rsa { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo (what an attacker could use as an HMAC secret).</summary>
    public byte[] PublicKeyDer => Rsa.ExportSubjectPublicKeyInfo();

    /// <summary>A new 2048-bit RSA key; the key id is random unless given.</summary>
    public static TestSigningKey Create(string? keyId = null) =>
        new(keyId ?? "test-key-" + Guid.NewGuid().ToString("N")[..12], RSA.Create(2048));

    /// <summary>The public JWK (kty, use, kid, n, e) plus <c>endorsements</c> when some are given.</summary>
    public JsonObject ToJsonWebKey(IReadOnlyCollection<string>? endorsements)
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(endorsement => (JsonNode?)JsonValue.Create(endorsement)).ToArray());
        }

        return jwk;
    }

    public void Dispose() => Rsa.Dispose();
}
