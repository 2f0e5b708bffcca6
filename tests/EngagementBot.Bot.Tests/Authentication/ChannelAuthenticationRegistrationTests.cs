using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Tests.Authentication;

/// <summary><c>AddChannelAuthentication</c>: which authenticator, which options, validated at start-up.</summary>
public sealed class ChannelAuthenticationRegistrationTests
{
    [Fact]
    public async Task WithoutAppId_LocalModeAcceptsAnythingAnonymously()
    {
        await using var provider = Build(new() { ["MicrosoftAppId"] = "" });
        var authenticator = provider.GetRequiredService<IChannelAuthenticator>();

        var noHeader = await authenticator.AuthenticateAsync(null, ChannelAuthenticationTestContext.CreateActivity(), CancellationToken.None);
        var garbage = await authenticator.AuthenticateAsync("Basic whatever", ChannelAuthenticationTestContext.CreateActivity(), CancellationToken.None);

        Assert.IsType<LocalModeChannelAuthenticator>(authenticator);
        Assert.True(noHeader.Succeeded);
        Assert.True(garbage.Succeeded);
        Assert.False(noHeader.Identity!.IsAuthenticated);
    }

    [Fact]
    public async Task WithAppId_TheBotFrameworkAuthenticatorIsUsed_WithTheSharedTrustedServiceUrls()
    {
        await using var provider = Build(new() { ["MicrosoftAppId"] = ChannelAuthenticationTestContext.AppId });

        var authenticator = provider.GetRequiredService<IChannelAuthenticator>();
        var rejected = await authenticator.AuthenticateAsync(null, ChannelAuthenticationTestContext.CreateActivity(), CancellationToken.None);

        Assert.IsType<BotFrameworkChannelAuthenticator>(authenticator);
        Assert.False(rejected.Succeeded);
        Assert.Same(provider.GetRequiredService<ITrustedServiceUrls>(), provider.GetRequiredService<ITrustedServiceUrls>());
    }

    [Fact]
    public async Task AlreadyBoundBotIdentity_IsNotReboundFromTheRoot()
    {
        var services = new ServiceCollection().AddLogging();
        services.Configure<BotIdentityOptions>(options => options.MicrosoftAppId = "app-id-from-the-host");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "app-id-from-the-root" }).Build();

        await using var provider = services.AddChannelAuthentication(configuration).BuildServiceProvider();

        Assert.Equal("app-id-from-the-host", provider.GetRequiredService<IOptions<BotIdentityOptions>>().Value.MicrosoftAppId);
    }

    [Fact]
    public async Task ExistingTrustedServiceUrls_AreKept()
    {
        var mine = new TrustedServiceUrls();
        var services = new ServiceCollection().AddLogging().AddSingleton<ITrustedServiceUrls>(mine);

        await using var provider = services.AddChannelAuthentication(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<ITrustedServiceUrls>());
    }

    [Fact]
    public async Task SectionValues_AreBound()
    {
        await using var provider = Build(new()
        {
            ["ChannelAuthentication:BotFrameworkOpenIdMetadataUrl"] = "https://login.example/v1/.well-known/openidconfiguration",
            ["ChannelAuthentication:EntraOpenIdMetadataUrlTemplate"] = "https://login.example/{tenant}/v2.0/.well-known/openid-configuration",
            ["ChannelAuthentication:ClockSkew"] = "00:02:00",
            ["ChannelAuthentication:ValidatedTokenCacheSize"] = "500",
            ["ChannelAuthentication:AllowedCallerAppIds:0"] = "parent-bot",
        });

        var options = provider.GetRequiredService<IOptions<ChannelAuthenticationOptions>>().Value;

        Assert.Equal("https://login.example/v1/.well-known/openidconfiguration", options.BotFrameworkOpenIdMetadataUrl);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
        Assert.Equal(500, options.ValidatedTokenCacheSize);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal(["parent-bot"], options.AllowedCallerAppIds);
    }

    [Theory]
    [InlineData("ChannelAuthentication:BotFrameworkOpenIdMetadataUrl", "http://login.example/v1/.well-known/openidconfiguration", "BotFrameworkOpenIdMetadataUrl")]
    [InlineData("ChannelAuthentication:BotFrameworkOpenIdMetadataUrl", "not a url", "BotFrameworkOpenIdMetadataUrl")]
    [InlineData("ChannelAuthentication:EntraOpenIdMetadataUrlTemplate", "https://login.example/common/v2.0/.well-known/openid-configuration", "{tenant}")]
    [InlineData("ChannelAuthentication:ClockSkew", "01:00:00", "ClockSkew")]
    [InlineData("ChannelAuthentication:ValidatedTokenCacheSize", "-1", "ValidatedTokenCacheSize")]
    [InlineData("ChannelAuthentication:MetadataAutomaticRefreshInterval", "2.00:00:00", "24 hours")]
    [InlineData("ChannelAuthentication:MetadataRefreshInterval", "00:00:00", "MetadataRefreshInterval")]
    public async Task InvalidSettings_FailAtStartUp_NamingTheSetting(string key, string value, string expectedInMessage)
    {
        await using var provider = Build(new() { ["MicrosoftAppId"] = ChannelAuthenticationTestContext.AppId, [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expectedInMessage, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpMetadata_IsAllowedOnlyWhenHttpsIsNotRequired()
    {
        await using var provider = Build(new()
        {
            ["ChannelAuthentication:BotFrameworkOpenIdMetadataUrl"] = "http://127.0.0.1:5000/v1/.well-known/openidconfiguration",
            ["ChannelAuthentication:RequireHttpsMetadata"] = "false",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.False(provider.GetRequiredService<IOptions<ChannelAuthenticationOptions>>().Value.RequireHttpsMetadata);
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddChannelAuthentication(configuration).BuildServiceProvider();
    }
}
