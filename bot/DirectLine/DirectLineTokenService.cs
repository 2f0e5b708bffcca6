using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// Issues and checks the opaque Direct Line tokens: HMAC-SHA256 signed with a key that lives only in this
/// process, bound to one conversation (and optionally one user id), expiring after
/// <see cref="DirectLineOptions.TokenLifetimeSeconds"/>. Stream tokens (in the WebSocket URL) are the same
/// shape with a different purpose, so a stream URL cannot be used as a conversation token.
/// </summary>
internal sealed class DirectLineTokenService
{
    private const string Version = "dl1";
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<DirectLineOptions> _options;

    public DirectLineTokenService(TimeProvider timeProvider, IOptions<DirectLineOptions> options)
    {
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>Seconds a newly issued conversation token is valid.</summary>
    public int LifetimeSeconds => _options.Value.TokenLifetimeSeconds;

    public string IssueConversationToken(string conversationId, string? userId) =>
        Issue(DirectLineTokenPurpose.Conversation, conversationId, userId, _options.Value.TokenLifetime);

    public string IssueStreamToken(string conversationId, string? userId) =>
        Issue(DirectLineTokenPurpose.Stream, conversationId, userId, _options.Value.TokenLifetime);

    /// <summary>Reads and verifies a token; the result says why it was refused, never echoing the token.</summary>
    public DirectLineTokenCheck Validate(string? token, DirectLineTokenPurpose purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return DirectLineTokenCheck.Invalid;
        }

        var parts = token.Split('.');
        if (parts.Length != 7 || parts[0] != Version)
        {
            return DirectLineTokenCheck.Invalid;
        }

        var signed = string.Join('.', parts, 0, 6);
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[6]);
        }
        catch (FormatException)
        {
            return DirectLineTokenCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(Sign(signed), signature))
        {
            return DirectLineTokenCheck.Invalid;
        }

        if (parts[1] != PurposeCode(purpose) || !long.TryParse(parts[4], out var expiresUnix))
        {
            return DirectLineTokenCheck.Invalid;
        }

        var conversationId = Decode(parts[2]);
        var userId = parts[3].Length == 0 ? null : Decode(parts[3]);
        if (conversationId is null || (parts[3].Length != 0 && userId is null))
        {
            return DirectLineTokenCheck.Invalid;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresUnix);
        return expires <= _timeProvider.GetUtcNow()
            ? new DirectLineTokenCheck(DirectLineTokenStatus.Expired, conversationId, userId)
            : new DirectLineTokenCheck(DirectLineTokenStatus.Valid, conversationId, userId);
    }

    private string Issue(DirectLineTokenPurpose purpose, string conversationId, string? userId, TimeSpan lifetime)
    {
        var expires = _timeProvider.GetUtcNow().Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));
        var signed = string.Join('.', Version, PurposeCode(purpose), Encode(conversationId), userId is null ? string.Empty : Encode(userId), expires, nonce);
        return string.Concat(signed, ".", Base64Url.EncodeToString(Sign(signed)));
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));

    private static string PurposeCode(DirectLineTokenPurpose purpose) => purpose == DirectLineTokenPurpose.Stream ? "s" : "c";

    private static string Encode(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static string? Decode(string value)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>What a token is good for.</summary>
internal enum DirectLineTokenPurpose
{
    Conversation,
    Stream,
}

/// <summary>Outcome of a token check.</summary>
internal enum DirectLineTokenStatus
{
    Invalid,
    Expired,
    Valid,
}

/// <summary>A checked token: its status and, when its signature held, the conversation and user it is bound to.</summary>
internal sealed record DirectLineTokenCheck(DirectLineTokenStatus Status, string? ConversationId, string? UserId)
{
    public static DirectLineTokenCheck Invalid { get; } = new(DirectLineTokenStatus.Invalid, null, null);
}
