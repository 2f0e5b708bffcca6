using System.Text.Json.Serialization;

namespace EngagementBot.Bot.Operations;

/// <summary>
/// Body of Direct Line's <c>POST /v3/directline/tokens/generate</c> (<c>TokenParameters</c>): the user the token is bound
/// to and the origins it may be used from (enhanced authentication).
/// </summary>
/// <param name="User">The user account.</param>
/// <param name="TrustedOrigins">The page origin that asked for the token.</param>
internal sealed record DirectLineTokenRequest(
    [property: JsonPropertyName("user")] DirectLineTokenUser User,
    [property: JsonPropertyName("trustedOrigins")] IReadOnlyList<string> TrustedOrigins);

/// <summary>The user account of a token request.</summary>
/// <param name="Id">The user id (Direct Line requires the <c>dl_</c> prefix for ids chosen by the site).</param>
internal sealed record DirectLineTokenUser([property: JsonPropertyName("id")] string Id);

/// <summary>Direct Line's answer to a token request (Direct Line 3.0 <c>Conversation</c> shape).</summary>
internal sealed class DirectLineTokenResponse
{
    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; set; }

    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; set; }
}

/// <summary>What <c>POST /api/webchat/token</c> returns to the page: a token for Web Chat, never the secret.</summary>
/// <param name="Token">The Direct Line token (pass it to <c>createDirectLine({ token })</c>).</param>
/// <param name="ConversationId">The conversation the token is bound to.</param>
/// <param name="ExpiresIn">Seconds until the token expires (refresh before with Direct Line's <c>tokens/refresh</c>).</param>
/// <param name="UserId">The user id the token is bound to (pass it to Web Chat as <c>userID</c>).</param>
public sealed record WebChatTokenResult(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("conversationId")] string? ConversationId,
    [property: JsonPropertyName("expiresIn")] int ExpiresIn,
    [property: JsonPropertyName("userId")] string UserId);

/// <summary>Source-generated JSON for the Operations endpoints.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineTokenRequest))]
[JsonSerializable(typeof(DirectLineTokenResponse))]
[JsonSerializable(typeof(WebChatTokenResult))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
