using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// A ready-to-use channel authentication setup: a running <see cref="OpenIdMetadataServer"/> with one Bot Connector
/// key (endorsing msteams, webchat, directline) and one Entra ID key, a <see cref="TestTokenIssuer"/> for
/// <see cref="AppId"/>, and the services built by <c>AddChannelAuthentication</c> from
/// <see cref="OpenIdMetadataServer.ConfigurationValues"/>. Usage:
/// <code>
/// await using var auth = await ChannelAuthenticationTestContext.StartAsync();
/// var header = "Bearer " + auth.Issuer.CreateBotConnectorToken(auth.BotConnectorKey, ChannelAuthenticationTestContext.ServiceUrl);
/// var result = await auth.AuthenticateAsync(header, auth.CreateActivity());
/// </code>
/// </summary>
public sealed class ChannelAuthenticationTestContext : IAsyncDisposable
{
    public const string AppId = "3f1c2b7e-5d0a-4e8f-9a61-b07ba0b07ba0";
    public const string OurTenantId = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string ChannelId = "msteams";

    private ChannelAuthenticationTestContext(OpenIdMetadataServer metadata, ServiceProvider services, TimeProvider timeProvider)
    {
        Metadata = metadata;
        Services = services;
        Issuer = new TestTokenIssuer(AppId, timeProvider);
        Authenticator = services.GetRequiredService<IChannelAuthenticator>();
        TrustedServiceUrls = services.GetRequiredService<ITrustedServiceUrls>();
    }

    public OpenIdMetadataServer Metadata { get; }

    public ServiceProvider Services { get; }

    public TestTokenIssuer Issuer { get; }

    public IChannelAuthenticator Authenticator { get; }

    public ITrustedServiceUrls TrustedServiceUrls { get; }

    /// <summary>Published by the Bot Connector metadata, endorsing msteams, webchat and directline.</summary>
    public TestSigningKey BotConnectorKey { get; } = TestSigningKey.Create("bot-connector-key-1");

    /// <summary>Published by the Entra ID metadata (no endorsements, as there).</summary>
    public TestSigningKey EntraKey { get; } = TestSigningKey.Create("entra-key-1");

    /// <param name="timeProvider">Clock of both the tokens and the authenticator (system clock by default).</param>
    /// <param name="configure">Changes to the configuration values before the services are built.</param>
    public static async Task<ChannelAuthenticationTestContext> StartAsync(
        TimeProvider? timeProvider = null,
        Action<Dictionary<string, string?>>? configure = null)
    {
        timeProvider ??= TimeProvider.System;
        var metadata = await OpenIdMetadataServer.StartAsync();
        var values = metadata.ConfigurationValues(AppId, OurTenantId);
        configure?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(timeProvider)
            .AddChannelAuthentication(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var context = new ChannelAuthenticationTestContext(metadata, services, timeProvider);
        metadata.BotFramework.Publish(context.BotConnectorKey, "msteams", "webchat", "directline");
        metadata.Entra.Publish(context.EntraKey);
        return context;
    }

    public static Activity CreateActivity(string? channelId = ChannelId, string? serviceUrl = ServiceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = "activity-1",
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Text = "hello",
    };

    public ValueTask<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity? activity = null) =>
        Authenticator.AuthenticateAsync(authorizationHeader, activity ?? CreateActivity(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Metadata.DisposeAsync();
        BotConnectorKey.Dispose();
        EntraKey.Dispose();
    }
}
