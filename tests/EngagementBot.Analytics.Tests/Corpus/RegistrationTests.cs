using EngagementBot.Analytics.Offline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Analytics.Tests.Corpus;

/// <summary>AddTextAnalytics: default provider and configuration validation.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void The_offline_provider_is_the_default()
    {
        using var provider = Build([]);
        Assert.IsType<OfflineTextAnalyzer>(provider.GetRequiredService<ITextAnalyzer>());
    }

    [Fact]
    public void An_unknown_provider_fails_validation_with_the_setting_name()
    {
        using var provider = Build(new() { ["TextAnalytics:Provider"] = "Azure" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value);
        Assert.Contains("TextAnalytics:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_parallelism_fails_validation()
    {
        using var provider = Build(new() { ["TextAnalytics:MaxDegreeOfParallelism"] = "-3" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value);
        Assert.Contains("MaxDegreeOfParallelism", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddTextAnalytics(configuration).BuildServiceProvider();
    }
}
