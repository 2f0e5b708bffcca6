namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// Everything that goes into a test JWT. <see cref="TestTokenIssuer"/> pre-fills it for a token kind; a test then
/// overrides what it needs (set a claim to null to leave it out).
/// </summary>
public sealed class TestTokenOptions
{
    /// <summary>Header <c>alg</c>: RS256 (default), RS384, RS512 or PS256 for RSA-signed tokens.</summary>
    public string Algorithm { get; set; } = "RS256";

    /// <summary>Header <c>kid</c>; null = the signing key's id; empty string = no kid header.</summary>
    public string? KeyId { get; set; }

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public DateTimeOffset? Expires { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    /// <summary>Other payload claims (serviceurl, ver, appid, azp, tid, …); a null value omits the claim.</summary>
    public Dictionary<string, object?> Claims { get; } = new(StringComparer.Ordinal);
}
