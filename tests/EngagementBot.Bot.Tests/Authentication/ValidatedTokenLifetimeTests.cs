using EngagementBot.Bot.Tests.Support;
using static EngagementBot.Bot.Tests.Support.ChannelAuthenticationTestContext;

namespace EngagementBot.Bot.Tests.Authentication;

/// <summary>Lifetime is judged on the injected <see cref="TimeProvider"/>, and a cached token never outlives its exp.</summary>
public sealed class ValidatedTokenLifetimeTests
{
    private static readonly DateTimeOffset Start = new(2031, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TokensAreJudgedOnTheInjectedClock()
    {
        var clock = new ManualTimeProvider(Start);
        await using var auth = await StartAsync(clock);
        var token = Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl));

        var result = await auth.AuthenticateAsync(token);

        // Issued for 2031: only an authenticator on the manual clock accepts it today.
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task CachedToken_IsRejectedOnceExpiredBeyondTheSkew()
    {
        var clock = new ManualTimeProvider(Start);
        await using var auth = await StartAsync(clock);
        var token = Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl)); // exp = Start + 1 h
        Assert.True((await auth.AuthenticateAsync(token)).Succeeded);

        clock.Advance(TimeSpan.FromMinutes(64));
        var withinSkew = await auth.AuthenticateAsync(token);
        clock.Advance(TimeSpan.FromMinutes(2));
        var beyondSkew = await auth.AuthenticateAsync(token);

        Assert.True(withinSkew.Succeeded, withinSkew.FailureReason);
        Assert.False(beyondSkew.Succeeded);
        Assert.Contains("expired", beyondSkew.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public async Task TinyOrDisabledCache_StillAuthenticatesEveryRequest(string cacheSize)
    {
        await using var auth = await StartAsync(configure: values => values["ChannelAuthentication:ValidatedTokenCacheSize"] = cacheSize);
        var first = Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl, o => o.Claims["jti"] = "a"));
        var second = Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl, o => o.Claims["jti"] = "b"));

        foreach (var header in new[] { first, second, first, second })
        {
            var result = await auth.AuthenticateAsync(header);
            Assert.True(result.Succeeded, result.FailureReason);
        }

        var mismatch = await auth.AuthenticateAsync(first, CreateActivity(serviceUrl: "https://evil.example/"));
        Assert.False(mismatch.Succeeded);
    }

    private static string Bearer(string token) => "Bearer " + token;
}
