using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// A token whose signature, issuer, audience, lifetime and claims were checked, with what must still be compared to
/// each activity it arrives with (channel endorsements and <c>serviceurl</c>).
/// </summary>
internal sealed record ValidatedToken(
    ClaimsIdentity Identity,
    bool IsBotConnectorToken,
    string? ServiceUrlClaim,
    IReadOnlySet<string>? Endorsements,
    DateTimeOffset ExpiresAt);

/// <summary>
/// Remembers validated tokens until their <c>exp</c>, so a channel that reuses its token (it does, for up to an hour)
/// costs one signature check. Keyed by the SHA-256 of the raw token; bounded in size. Only successes are stored.
/// </summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly TimeProvider _timeProvider;

    public ValidatedTokenCache(int capacity, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        if (capacity > 0)
        {
            _cache = new MemoryCache(Options.Create(new MemoryCacheOptions
            {
                SizeLimit = capacity,
                ExpirationScanFrequency = TimeSpan.FromMinutes(1),
            }));
        }
    }

    public bool TryGet(string rawToken, out ValidatedToken token)
    {
        token = null!;
        if (_cache is null)
        {
            return false;
        }

        var key = KeyOf(rawToken);
        if (!_cache.TryGetValue(key, out ValidatedToken? cached) || cached is null)
        {
            return false;
        }

        if (cached.ExpiresAt <= _timeProvider.GetUtcNow())
        {
            _cache.Remove(key);
            return false;
        }

        token = cached;
        return true;
    }

    public void Add(string rawToken, ValidatedToken token)
    {
        if (_cache is null)
        {
            return;
        }

        var lifetime = token.ExpiresAt - _timeProvider.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        _cache.Set(KeyOf(rawToken), token, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    public void Dispose() => _cache?.Dispose();

    private static string KeyOf(string rawToken)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(rawToken), hash);
        return Convert.ToBase64String(hash);
    }
}
