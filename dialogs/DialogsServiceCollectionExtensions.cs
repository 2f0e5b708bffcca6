using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Dialogs;

/// <summary>Registers the conversation dialogs (runtime and consultation runner).</summary>
public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DialogRunner"/> and <see cref="ConsultationDialog"/> (scoped, like the stores they use),
    /// <see cref="ConversationLocks"/> and the intent recognizer (<see cref="UnderstandingServiceCollectionExtensions.AddUnderstanding"/>).
    /// Storage must be added too (<c>AddEngagementStorage</c>).
    /// </summary>
    public static IServiceCollection AddConsultationDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUnderstanding(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConversationLocks>();
        services.TryAddScoped<IDialog, ConsultationDialog>();
        services.TryAddScoped<DialogRunner>();
        return services;
    }
}
