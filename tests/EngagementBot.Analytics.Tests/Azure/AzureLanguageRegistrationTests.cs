using EngagementBot.Analytics.Azure;
using EngagementBot.Analytics.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>TextAnalytics:Provider = AzureLanguage: start-up validation and the analyzer it builds.</summary>
public sealed class AzureLanguageRegistrationTests
{
    [Theory]
    [InlineData(null, "TextAnalytics:AzureLanguage:Endpoint is required")]
    [InlineData("not a url", "TextAnalytics:AzureLanguage:Endpoint")]
    [InlineData("http://language.example.com/", "must use https")]
    [InlineData("https://x.cognitiveservices.azure.com/language/:analyze-text", "without path or query")]
    public void A_bad_endpoint_fails_start_up_naming_the_setting(string? endpoint, string expected)
    {
        using var provider = Build(new() { ["TextAnalytics:Provider"] = "AzureLanguage", ["TextAnalytics:AzureLanguage:Endpoint"] = endpoint });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-04-01", "ApiVersion")]
    [InlineData("latest", "ApiVersion")]
    [InlineData("2024-11-01-beta", "ApiVersion")]
    public void An_old_or_malformed_api_version_fails_start_up(string version, string expected)
    {
        using var provider = Build(Azure(new() { ["TextAnalytics:AzureLanguage:ApiVersion"] = version }));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value);
        Assert.Contains("TextAnalytics:AzureLanguage:" + expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("2024-11-01", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TextAnalytics:AzureLanguage:MaxRetries", "11")]
    [InlineData("TextAnalytics:AzureLanguage:PollInterval", "00:00:00")]
    [InlineData("TextAnalytics:AzureLanguage:JobTimeout", "-00:00:01")]
    public void Out_of_range_numbers_fail_start_up_naming_the_setting(string key, string value)
    {
        using var provider = Build(Azure(new() { [key] = value }));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_names_both_choices()
    {
        using var provider = Build(new() { ["TextAnalytics:Provider"] = "Azure" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value);
        Assert.Contains("\"AzureLanguage\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Offline\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_the_provider_uses_an_entra_id_credential()
    {
        using var provider = Build(new()
        {
            ["TextAnalytics:Provider"] = "AzureLanguage",
            ["TextAnalytics:AzureLanguage:Endpoint"] = "https://my-language.cognitiveservices.azure.com/",
            ["TextAnalytics:AzureLanguage:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        });
        Assert.IsType<AzureLanguageTextAnalyzer>(provider.GetRequiredService<ITextAnalyzer>());
    }

    [Fact]
    public async Task A_configured_key_reaches_the_service_in_the_key_header()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        using var provider = Build(new()
        {
            ["TextAnalytics:Provider"] = "azurelanguage",
            ["TextAnalytics:AzureLanguage:Endpoint"] = stub.Endpoint,
            ["TextAnalytics:AzureLanguage:ApiKey"] = "configured-key",
        });

        var analyzer = Assert.IsType<AzureLanguageTextAnalyzer>(provider.GetRequiredService<ITextAnalyzer>());
        await analyzer.ExtractKeyPhrasesAsync([new TextDocument("a", "Streetlights downtown", "en")], CancellationToken.None);

        Assert.Equal("configured-key", Assert.Single(stub.Requests).Header("Ocp-Apim-Subscription-Key"));
    }

    private static Dictionary<string, string?> Azure(Dictionary<string, string?> extra)
    {
        extra["TextAnalytics:Provider"] = "AzureLanguage";
        extra["TextAnalytics:AzureLanguage:Endpoint"] = "https://my-language.cognitiveservices.azure.com/";
        extra["TextAnalytics:AzureLanguage:ApiKey"] = "k";
        return extra;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTextAnalytics(configuration).BuildServiceProvider();
    }
}
