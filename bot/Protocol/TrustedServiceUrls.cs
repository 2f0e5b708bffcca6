using System.Collections.Concurrent;

namespace EngagementBot.Bot.Protocol;

/// <summary>
/// The channel service URLs the bot may send a token to. A URL becomes trusted when it arrives on an
/// authenticated activity (its JWT carried a matching <c>serviceurl</c> claim), when it is loaded from a
/// stored conversation reference, or when the embedded Direct Line registers its own origin. The connector
/// client refuses to attach a token for any other host.
/// </summary>
public interface ITrustedServiceUrls
{
    void Trust(string serviceUrl);

    bool IsTrusted(string serviceUrl);
}

/// <inheritdoc />
public sealed class TrustedServiceUrls : ITrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _trusted = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl)
    {
        var key = Normalize(serviceUrl);
        if (key is not null)
        {
            _trusted.TryAdd(key, 0);
        }
    }

    public bool IsTrusted(string serviceUrl)
    {
        var key = Normalize(serviceUrl);
        return key is not null && _trusted.ContainsKey(key);
    }

    /// <summary>Scheme + authority + path without trailing slash, so <c>https://x/</c> and <c>https://x</c> match.</summary>
    private static string? Normalize(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
