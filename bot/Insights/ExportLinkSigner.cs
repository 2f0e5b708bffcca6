using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Insights;

/// <summary>What a signed link check found.</summary>
public enum LinkCheck
{
    /// <summary>Signed by us and not expired.</summary>
    Valid,

    /// <summary>No signature or expiry in the query.</summary>
    Missing,

    /// <summary>The signature does not match the path and parameters (tampered or made with another key).</summary>
    BadSignature,

    /// <summary>Signed by us but past its expiry.</summary>
    Expired,
}

/// <summary>
/// Signs export links: HMAC-SHA256 over the path, the sorted query parameters and the expiry (unix seconds), with the
/// key of <c>Insights:LinkSigningKey</c>. Links carry <c>exp</c> and <c>sig</c> (base64url) in the query.
/// </summary>
public sealed class ExportLinkSigner
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Creates the signer with the configured key (or a random one).</summary>
    public ExportLinkSigner(IOptions<InsightsExportOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = string.IsNullOrEmpty(options.Value.LinkSigningKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(options.Value.LinkSigningKey);
        _time = time;
    }

    /// <summary>The query string (without '?') of a link to <paramref name="path"/> with <paramref name="parameters"/>, valid until <paramref name="expires"/>.</summary>
    public string SignedQuery(string path, IEnumerable<KeyValuePair<string, string>> parameters, DateTimeOffset expires)
    {
        var pairs = parameters.Where(p => p.Key is not ("exp" or "sig")).ToList();
        var exp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(path, pairs, exp);
        return string.Join('&', pairs.Append(new("exp", exp)).Append(new("sig", signature)).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Checks the <c>exp</c> and <c>sig</c> of a request against its path and other parameters.</summary>
    public LinkCheck Check(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var all = query.ToList();
        var exp = all.FirstOrDefault(p => p.Key == "exp").Value;
        var sig = all.FirstOrDefault(p => p.Key == "sig").Value;
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(sig))
        {
            return LinkCheck.Missing;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(path, all.Where(p => p.Key is not ("exp" or "sig")), exp));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig)))
        {
            return LinkCheck.BadSignature;
        }

        return long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && _time.GetUtcNow().ToUnixTimeSeconds() < seconds
            ? LinkCheck.Valid
            : LinkCheck.Expired;
    }

    private string Sign(string path, IEnumerable<KeyValuePair<string, string>> pairs, string exp)
    {
        var canonical = new StringBuilder(path).Append('\n');
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            canonical.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value)).Append('\n');
        }

        canonical.Append("exp=").Append(exp);
        return Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
