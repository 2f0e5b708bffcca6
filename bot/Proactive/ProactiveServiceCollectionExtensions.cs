using EngagementBot.Bot.Protocol;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Staff;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Proactive;

/// <summary>Registers proactive messaging (replies sent later into stored conversations).</summary>
public static class ProactiveServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IProactiveMessenger"/> and lets the staff development switch work in local mode only
    /// (<see cref="StaffOptions.AllowDevelopmentUsers"/>).
    /// </summary>
    public static IServiceCollection AddProactiveMessaging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<IProactiveMessenger, ProactiveMessenger>();
        services.AddOptions<StaffOptions>().Configure<IOptions<BotIdentityOptions>>((staff, identity) => staff.AllowDevelopmentUsers = identity.Value.IsLocalMode);
        return services;
    }
}
