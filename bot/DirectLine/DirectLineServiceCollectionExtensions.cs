using EngagementBot.Bot.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>Registration and endpoint mapping of the embedded Direct Line 3.0 service.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded Direct Line (options from section <c>DirectLine</c>, validated at start-up;
    /// <c>Enabled</c> defaults to the Development environment). Needs an <c>IActivityProcessor</c> in DI.
    /// Also registers <see cref="TimeProvider.System"/> and <see cref="ITrustedServiceUrls"/> when absent.
    /// </summary>
    public static IServiceCollection AddEmbeddedDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection(DirectLineOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) => options.Enabled ??= environment.IsDevelopment())
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();
        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<DirectLineConversationStore>();
        services.TryAddSingleton<DirectLineConversationService>();
        services.TryAddSingleton<DirectLineServiceUrl>();
        services.TryAddSingleton<DirectLineTurnDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectLineServiceUrl>());
        services.AddHostedService(sp => sp.GetRequiredService<DirectLineTurnDispatcher>());
        services.AddHostedService<DirectLineExpirySweeper>();
        return services;
    }

    /// <summary>
    /// Maps the Direct Line 3.0 client API under <c>/v3/directline</c> (tokens, conversations, activities and the
    /// WebSocket stream) and the Connector v3 routes under <c>/v3/conversations/{id}</c> that the bot's replies
    /// use. Maps nothing when <c>DirectLine:Enabled</c> is false. The stream needs <c>app.UseWebSockets()</c>
    /// before the endpoints.
    /// </summary>
    public static IEndpointRouteBuilder MapEmbeddedDirectLine(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<DirectLineOptions>>().Value.IsEnabled)
        {
            return endpoints;
        }

        DirectLineClientEndpoints.Map(endpoints);
        DirectLineConnectorEndpoints.Map(endpoints);
        return endpoints;
    }
}
