using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>Registers inbound Bot Framework channel authentication.</summary>
public static class ChannelAuthenticationServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> that reads OpenID metadata and JWKS documents.</summary>
    public const string MetadataHttpClientName = "EngagementBot.ChannelAuthentication.Metadata";

    /// <summary>
    /// Binds <see cref="BotIdentityOptions"/> from the configuration root (unless already bound) and
    /// <see cref="ChannelAuthenticationOptions"/> from the <c>ChannelAuthentication</c> section (validated at start-up),
    /// registers <see cref="ITrustedServiceUrls"/>, <see cref="TimeProvider"/> (if absent), the metadata HTTP client and
    /// <see cref="IChannelAuthenticator"/>: <see cref="BotFrameworkChannelAuthenticator"/> when an app id is configured,
    /// otherwise <see cref="LocalModeChannelAuthenticator"/>.
    /// </summary>
    public static IServiceCollection AddChannelAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (!services.Any(descriptor => descriptor.ServiceType == typeof(IConfigureOptions<BotIdentityOptions>)))
        {
            services.AddOptions<BotIdentityOptions>().Bind(configuration);
        }

        services.AddOptions<ChannelAuthenticationOptions>()
            .Bind(configuration.GetSection(ChannelAuthenticationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelAuthenticationOptions>, ChannelAuthenticationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();
        services.AddHttpClient(MetadataHttpClientName)
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<ChannelAuthenticationOptions>>().Value.MetadataRequestTimeout);

        services.TryAddSingleton<IChannelAuthenticator>(provider =>
            provider.GetRequiredService<IOptions<BotIdentityOptions>>().Value.IsLocalMode
                ? new LocalModeChannelAuthenticator()
                : ActivatorUtilities.CreateInstance<BotFrameworkChannelAuthenticator>(provider));
        return services;
    }
}
