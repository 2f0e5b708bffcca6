using EngagementBot.Bot.Proactive.Dispatch;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive;

/// <summary>Registers the proactive dispatcher.</summary>
public static class DispatchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the outbox dispatcher (a hosted service per instance when <c>Dispatch:Enabled</c>), its options (section
    /// <c>Dispatch</c>, validated at start-up), rate limiter, quiet hours and sender.
    /// </summary>
    public static IServiceCollection AddProactiveDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DispatchOptions.SectionName);
        services.AddOptions<DispatchOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SendRateLimiter>();
        services.TryAddSingleton<QuietHours>();
        services.TryAddSingleton<DeliverySender>();
        services.TryAddSingleton<ProactiveDispatcher>();
        if (section.GetValue(nameof(DispatchOptions.Enabled), true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<ProactiveDispatcher>());
        }

        return services;
    }
}
