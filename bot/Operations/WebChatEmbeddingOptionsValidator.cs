using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Operations;

/// <summary>Validates <see cref="WebChatEmbeddingOptions"/> at start-up, naming the setting to fix and how.</summary>
internal sealed class WebChatEmbeddingOptionsValidator : IValidateOptions<WebChatEmbeddingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebChatEmbeddingOptions options)
    {
        var failures = new List<string>();
        var endpoint = options.DirectLineEndpoint;
        if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && !IsLoopbackHttp(endpoint)))
        {
            failures.Add("WebChatEmbedding:DirectLineEndpoint must be an https URI such as 'https://directline.botframework.com/' " +
                "(plain http only on a loopback address).");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!IsOrigin(origin))
            {
                failures.Add($"WebChatEmbedding:AllowedOrigins contains '{origin}', which is not an origin: use scheme and host " +
                    "(and port if not the default), e.g. 'https://www.city.example', without a path or a trailing wildcard.");
            }
        }

        if (options.IsEnabled && options.AllowedOrigins.Count == 0)
        {
            failures.Add("WebChatEmbedding:AllowedOrigins is empty but WebChatEmbedding:DirectLineSecret is set: list the website " +
                "origins allowed to embed Web Chat, e.g. WebChatEmbedding__AllowedOrigins__0=https://www.city.example.");
        }

        if (options.TokensPerClientAddress is < 1 or > 10_000)
        {
            failures.Add("WebChatEmbedding:TokensPerClientAddress must be between 1 and 10000 (tokens per client address per window).");
        }

        if (options.RateLimitWindow < TimeSpan.FromSeconds(1) || options.RateLimitWindow > TimeSpan.FromHours(1))
        {
            failures.Add("WebChatEmbedding:RateLimitWindow must be between 00:00:01 and 01:00:00.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("WebChatEmbedding:RequestTimeout must be between 00:00:01 and 00:02:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopbackHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    private static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) &&
        string.IsNullOrEmpty(uri.UserInfo) && !value!.EndsWith("/*", StringComparison.Ordinal) && !value.Contains('*', StringComparison.Ordinal);
}
