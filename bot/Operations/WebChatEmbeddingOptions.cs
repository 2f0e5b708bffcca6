namespace EngagementBot.Bot.Operations;

/// <summary>
/// Configuration section <c>WebChatEmbedding</c>: Web Chat on a public website, through
/// <c>POST /api/webchat/token</c>, which trades the Direct Line secret for a short-lived token server-side.
/// </summary>
public sealed class WebChatEmbeddingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "WebChatEmbedding";

    /// <summary>The public Direct Line service (Azure Bot Service, global).</summary>
    public static readonly Uri PublicDirectLineEndpoint = new("https://directline.botframework.com/");

    /// <summary>
    /// <c>WebChatEmbedding:DirectLineSecret</c>: a secret of the Azure Bot's Direct Line channel (Key Vault reference in
    /// Azure, user-secrets locally). Empty = the token endpoint answers 404.
    /// </summary>
    public string? DirectLineSecret { get; set; }

    /// <summary>
    /// <c>WebChatEmbedding:DirectLineEndpoint</c>: the Direct Line service (default the public one; regional ones such as
    /// <c>https://europe.directline.botframework.com/</c> are accepted).
    /// </summary>
    public Uri DirectLineEndpoint { get; set; } = PublicDirectLineEndpoint;

    /// <summary>
    /// <c>WebChatEmbedding:AllowedOrigins</c>: origins of the pages allowed to ask for a token, e.g.
    /// <c>https://www.city.example</c> (scheme + host + optional port, no path). Either a list
    /// (<c>WebChatEmbedding__AllowedOrigins__0</c>, …) or one value separated by <c>;</c> (as App Service settings are).
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary><c>WebChatEmbedding:TokensPerClientAddress</c>: tokens one client IP address gets per <see cref="RateLimitWindow"/> (default 10).</summary>
    public int TokensPerClientAddress { get; set; } = 10;

    /// <summary><c>WebChatEmbedding:RateLimitWindow</c>: the rate-limit window (default one minute).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>WebChatEmbedding:RequestTimeout</c>: how long the Direct Line service gets to answer (default 10 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Adds the origins of a <c>;</c>- or <c>,</c>-separated list (the single-value form of <see cref="AllowedOrigins"/>).</summary>
    public void AddOriginsFromList(string? list)
    {
        // A list entry set to nothing (e.g. an empty environment variable) is no origin.
        for (var i = AllowedOrigins.Count - 1; i >= 0; i--)
        {
            if (string.IsNullOrWhiteSpace(AllowedOrigins[i]))
            {
                AllowedOrigins.RemoveAt(i);
            }
        }

        foreach (var origin in (list ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
            {
                AllowedOrigins.Add(origin);
            }
        }
    }

    /// <summary>Whether a Direct Line secret is configured (the endpoint is active).</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(DirectLineSecret);

    /// <summary>Whether <paramref name="origin"/> (the request's <c>Origin</c> header) is one of <see cref="AllowedOrigins"/>.</summary>
    public bool IsAllowedOrigin(string? origin) =>
        !string.IsNullOrEmpty(origin) &&
        AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
