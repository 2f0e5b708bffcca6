using EngagementBot.Bot.Tests.Support;
using static EngagementBot.Bot.Tests.Support.ChannelAuthenticationTestContext;

namespace EngagementBot.Bot.Tests.Authentication;

/// <summary>Re-reading the signing keys on unknown key ids: once per refresh interval, shared by concurrent requests.</summary>
public sealed class SigningKeyRefreshTests
{
    [Fact]
    public async Task UnknownKid_RefreshesOnce_ThenStillUnknownIsRejected()
    {
        await using var auth = await StartAsync();
        Assert.True((await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl)))).Succeeded);
        var before = auth.Metadata.BotFramework.KeyRequests;
        using var unpublished = TestSigningKey.Create();

        var result = await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateBotConnectorToken(unpublished, ServiceUrl)));

        Assert.False(result.Succeeded);
        Assert.Contains("does not publish", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(before + 1, auth.Metadata.BotFramework.KeyRequests);
    }

    [Fact]
    public async Task StormOfUnknownKids_CausesOneRefreshPerInterval()
    {
        await using var auth = await StartAsync(configure: values => values["ChannelAuthentication:MetadataRefreshInterval"] = "00:05:00");
        Assert.True((await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl)))).Succeeded);
        var before = auth.Metadata.BotFramework.KeyRequests;
        using var unpublished = TestSigningKey.Create();
        var tokens = Enumerable.Range(0, 40)
            .Select(i => Bearer(auth.Issuer.CreateBotConnectorToken(unpublished, ServiceUrl, o => o.KeyId = $"unknown-{i}")))
            .ToList();

        var results = await Task.WhenAll(tokens.Select(token => auth.AuthenticateAsync(token).AsTask()));
        var later = await auth.AuthenticateAsync(tokens[0]);

        Assert.All(results, result => Assert.False(result.Succeeded));
        Assert.False(later.Succeeded);
        Assert.Equal(before + 1, auth.Metadata.BotFramework.KeyRequests);
    }

    [Fact]
    public async Task RotationAfterTheRefreshInterval_IsPickedUpAgain()
    {
        await using var auth = await StartAsync();
        using var second = TestSigningKey.Create("rotation-2");
        using var third = TestSigningKey.Create("rotation-3");
        Assert.True((await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl)))).Succeeded);

        auth.Metadata.BotFramework.ReplaceAllWith(second, "msteams");
        var withSecond = await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateBotConnectorToken(second, ServiceUrl)));
        // The test configuration allows one refresh per second (ChannelAuthenticationTestContext / ConfigurationValues).
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        auth.Metadata.BotFramework.ReplaceAllWith(third, "msteams");
        var withThird = await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateBotConnectorToken(third, ServiceUrl)));

        Assert.True(withSecond.Succeeded, withSecond.FailureReason);
        Assert.True(withThird.Succeeded, withThird.FailureReason);
    }

    [Fact]
    public async Task UnreachableMetadata_RejectsWithAReason_InsteadOfThrowing()
    {
        await using var auth = await StartAsync(configure: values =>
            values["ChannelAuthentication:BotFrameworkOpenIdMetadataUrl"] = "http://127.0.0.1:1/v1/.well-known/openidconfiguration");

        var result = await auth.AuthenticateAsync(Bearer(auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ServiceUrl)));

        Assert.False(result.Succeeded);
        Assert.Contains("could not be retrieved", result.FailureReason, StringComparison.Ordinal);
        Assert.False(auth.TrustedServiceUrls.IsTrusted(ServiceUrl));
    }

    private static string Bearer(string token) => "Bearer " + token;
}
