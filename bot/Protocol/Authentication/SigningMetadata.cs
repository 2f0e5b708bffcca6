using System.Collections;
using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>One signing key of a metadata document and the channel ids it endorses (null when it lists none).</summary>
internal sealed record SigningKeyInfo(SecurityKey Key, IReadOnlySet<string>? Endorsements);

/// <summary>
/// The signing keys of one retrieval of an OpenID metadata document, indexed by key id, with the Bot Framework
/// <c>endorsements</c> of each key read from the raw JWKS. <see cref="Sequence"/> orders retrievals (higher = newer).
/// </summary>
internal sealed class SigningMetadata
{
    private static long _lastSequence;

    private readonly FrozenDictionary<string, SigningKeyInfo> _keys;

    private SigningMetadata(long sequence, FrozenDictionary<string, SigningKeyInfo> keys)
    {
        Sequence = sequence;
        _keys = keys;
    }

    public long Sequence { get; }

    public int KeyCount => _keys.Count;

    public bool TryGetKey(string keyId, out SigningKeyInfo key) => _keys.TryGetValue(keyId, out key!);

    public static SigningMetadata FromConfiguration(OpenIdConnectConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var securityKeys = configuration.SigningKeys
            .Where(key => !string.IsNullOrEmpty(key.KeyId))
            .GroupBy(key => key.KeyId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

        var keys = new Dictionary<string, SigningKeyInfo>(StringComparer.Ordinal);
        foreach (var jsonWebKey in configuration.JsonWebKeySet?.Keys ?? [])
        {
            if (string.IsNullOrEmpty(jsonWebKey.KeyId) || keys.ContainsKey(jsonWebKey.KeyId)
                || !securityKeys.TryGetValue(jsonWebKey.KeyId, out var securityKey))
            {
                continue;
            }

            keys[jsonWebKey.KeyId] = new SigningKeyInfo(securityKey, ReadEndorsements(jsonWebKey));
        }

        return new SigningMetadata(Interlocked.Increment(ref _lastSequence), keys.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The key's <c>endorsements</c> member, whatever shape the JWKS reader gave it; null when absent.</summary>
    internal static IReadOnlySet<string>? ReadEndorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue(BotFrameworkAuthenticationConstants.EndorsementsKeyMember, out var value) || value is null)
        {
            return null;
        }

        IEnumerable<string?> values = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null),
            JsonElement { ValueKind: JsonValueKind.String } single => [single.GetString()],
            string single => [single],
            IEnumerable<string> strings => strings,
            IEnumerable items => items.Cast<object?>().Select(item => item switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                _ => null,
            }),
            _ => [],
        };

        return values.Where(item => !string.IsNullOrEmpty(item)).Select(item => item!).ToFrozenSet(StringComparer.Ordinal);
    }
}
