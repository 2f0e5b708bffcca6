namespace EngagementBot.Analytics.Azure;

/// <summary>Configuration section <c>TextAnalytics:AzureLanguage</c> of the Azure AI Language provider.</summary>
public sealed class AzureLanguageOptions
{
    /// <summary>The oldest REST api-version whose request and response shapes this provider follows.</summary>
    public const string MinimumApiVersion = "2024-11-01";

    /// <summary>
    /// The Language resource endpoint, e.g. <c>https://my-language.cognitiveservices.azure.com/</c>.
    /// HTTPS is required except on a loopback address (local test servers).
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Resource key (header <c>Ocp-Apim-Subscription-Key</c>). When empty, Entra ID (managed identity / DefaultAzureCredential) is used.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of a user-assigned managed identity (only without <see cref="ApiKey"/>).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>REST api-version, <c>2024-11-01</c> or later.</summary>
    public string ApiVersion { get; set; } = MinimumApiVersion;

    /// <summary>Retries of a request answered 429 (after its Retry-After), 408 or 5xx, or failed in transport; 0–10.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off when the service gives no Retry-After (doubled on each retry).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest Retry-After honoured; a longer one ends the call with <see cref="AzureLanguageException"/> (status 429).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Interval between polls of a summarization job when the service gives no Retry-After.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest time a summarization job may take before it is cancelled.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
