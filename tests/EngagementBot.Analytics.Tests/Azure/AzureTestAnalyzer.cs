using Azure;
using EngagementBot.Analytics.Azure;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>An Azure AI Language provider pointed at a <see cref="LanguageStubServer"/>, with short back-offs.</summary>
internal static class AzureTestAnalyzer
{
    public const string Key = "test-key-0123";

    public static AzureLanguageTextAnalyzer Create(LanguageStubServer stub, Action<AzureLanguageOptions>? configure = null)
    {
        var options = new AzureLanguageOptions
        {
            Endpoint = stub.Endpoint + "/",
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            PollInterval = TimeSpan.FromMilliseconds(5),
        };
        configure?.Invoke(options);
        return new AzureLanguageTextAnalyzer(options, new AzureKeyCredential(Key));
    }
}
