using EngagementBot.Dialogs.Understanding;
using EngagementBot.Dialogs.Understanding.Evaluation;
using EngagementBot.Dialogs.Understanding.Faq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Tests.Understanding;

public sealed class UnderstandingServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_the_recognizer_the_faq_factory_and_the_evaluation_with_configured_thresholds()
    {
        using var provider = Build(new() { ["Understanding:IntentMinConfidence"] = "0.4", ["Understanding:FaqMinConfidence"] = "0.7" });

        var recognizer = Assert.IsType<IntentRecognizer>(provider.GetRequiredService<IIntentRecognizer>());
        Assert.Equal(0.4, recognizer.MinConfidence);
        Assert.Equal(0.7, provider.GetRequiredService<FaqIndexFactory>().Create(RiversideParkFaq.Entries).MinConfidence);
        Assert.NotNull(provider.GetRequiredService<IntentEvaluation>());
        Assert.NotNull(provider.GetRequiredService<NluEvalCommand>());
        Assert.Equal(Intents.SubscriptionUnsubscribe, recognizer.Recognize("unsubscribe me pls").Intent);
    }

    [Theory]
    [InlineData("Understanding:IntentMinConfidence", "1.5")]
    [InlineData("Understanding:FaqMinConfidence", "-0.1")]
    public void An_out_of_range_threshold_fails_with_a_message_naming_the_setting(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UnderstandingOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 1", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddUnderstanding(configuration).BuildServiceProvider();
    }
}
