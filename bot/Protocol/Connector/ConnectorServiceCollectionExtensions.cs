using EngagementBot.Bot.Protocol.Connector.Credentials;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Protocol.Connector;

/// <summary>Registers the outbound Bot Connector client, its credentials and its options.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Largest connector response body read (connector answers are small).</summary>
    internal const long MaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Adds <see cref="IConnectorClient"/> (typed <see cref="HttpClient"/>), <see cref="IBotTokenProvider"/> chosen
    /// from <see cref="BotIdentityOptions"/> (bound from the configuration root: <c>MicrosoftAppType</c>,
    /// <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppCertificatePath/Password/Thumbprint</c>,
    /// <c>MicrosoftAppTenantId</c>), <see cref="ConnectorClientOptions"/> (section <c>Connector</c>), both
    /// validated on start, the shared <see cref="ConnectorResiliencePipeline"/>, and (if absent)
    /// <see cref="ITrustedServiceUrls"/> and <see cref="TimeProvider.System"/>. Register your own
    /// <see cref="IBotTokenProvider"/> or <see cref="TimeProvider"/> before calling this to replace them.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();

        services.AddOptions<BotIdentityOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotIdentityOptions>, BotIdentityOptionsValidator>());
        services.AddOptions<ConnectorClientOptions>().Bind(configuration.GetSection(ConnectorClientOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorClientOptions>, ConnectorClientOptionsValidator>());

        services.TryAddSingleton<IBotTokenProvider>(provider => BotTokenProviderFactory.Create(
            provider.GetRequiredService<IOptions<BotIdentityOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ConnectorResiliencePipeline>();

        // Timeouts belong to the pipeline (per attempt), so the HttpClient itself never times out. Pooled
        // connections are recycled, so a client captured by a singleton (dispatcher) still follows DNS changes.
        services.AddHttpClient<IConnectorClient, ConnectorClient>(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        return services;
    }
}
