using EngagementBot.Bot.Proactive;
using EngagementBot.Bot.Proactive.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Tests.Dispatch;

/// <summary>A wrong dispatcher setting stops the bot at start-up with a message naming it.</summary>
public sealed class DispatchOptionsTests
{
    [Theory]
    [InlineData("Dispatch:QuietHours:TimeZone", "Mars/Base", "Dispatch:QuietHours:TimeZone")]
    [InlineData("Dispatch:QuietHours:Start", "9pm", "Dispatch:QuietHours:Start")]
    [InlineData("Dispatch:Concurrency", "0", "Dispatch:Concurrency")]
    [InlineData("Dispatch:LeaseDuration", "00:00:01", "Dispatch:LeaseDuration")]
    [InlineData("Dispatch:RateLimits:PerTenantPerSecond:msteams", "-1", "Dispatch:RateLimits:PerTenantPerSecond:msteams")]
    [InlineData("Dispatch:FrequencyCap:MaxPerWeek", "-2", "Dispatch:FrequencyCap:MaxPerWeek")]
    public async Task A_wrong_setting_stops_the_bot_with_a_message_naming_it(string key, string value, string named)
    {
        await using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_defaults_are_valid_and_follow_the_Teams_limits()
    {
        await using var provider = Build([]);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<DispatchOptions>>().Value;

        Assert.Equal(7, options.RateLimits.PerConversationPerSecond);
        Assert.Equal(30, options.RateLimits.PerTenantFor("msteams"));
        Assert.Equal("America/Toronto", options.QuietHours.TimeZone);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProactiveDispatch(configuration);
        return services.BuildServiceProvider();
    }
}
