using System.Collections.Concurrent;
using EngagementBot.Dialogs.Consultations;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Staff;
using EngagementBot.Dialogs.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs;

/// <summary>Registers the conversation dialogs (runtime and consultation runner).</summary>
public static class DialogsServiceCollectionExtensions
{
    private static readonly ConcurrentDictionary<double, Lazy<IntentRecognizer>> SharedRecognizers = new();

    /// <summary>
    /// Adds <see cref="DialogRunner"/>, <see cref="ConversationDialog"/> (the features, then <see cref="ConsultationDialog"/>;
    /// scoped, like the stores they use), staff access (<see cref="StaffOptions"/>, <see cref="StaffGate"/>),
    /// <see cref="ConversationLocks"/> and the intent recognizer (<see cref="UnderstandingServiceCollectionExtensions.AddUnderstanding"/>).
    /// Storage must be added too (<c>AddEngagementStorage</c>).
    /// </summary>
    public static IServiceCollection AddConsultationDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The recognizer is immutable once trained: one instance per process and confidence threshold, so hosts
        // started several times in one process (tests, tools) train it once.
        services.TryAddSingleton<IIntentRecognizer>(provider =>
            SharedRecognizers.GetOrAdd(
                provider.GetRequiredService<IOptions<UnderstandingOptions>>().Value.IntentMinConfidence,
                static confidence => new Lazy<IntentRecognizer>(() => IntentRecognizer.CreateDefault(confidence))).Value);
        services.AddUnderstanding(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConversationLocks>();
        services.AddOptions<StaffOptions>().Bind(configuration.GetSection(StaffOptions.SectionName))
            .Validate(
                staff => staff.Members.All(m => Guid.TryParse(m.AadObjectId, out _)) && staff.Groups.All(g => Guid.TryParse(g.GroupId, out _)),
                "Staff: every member needs an AadObjectId and every group a GroupId, each an Entra object id (GUID).")
            .ValidateOnStart();
        services.TryAddSingleton<IStaffDirectory, ConfiguredStaffDirectory>();
        services.TryAddSingleton<StaffGate>();
        services.AddLazyServices();
        services.TryAddScoped<INotificationComposer, PlainNotificationComposer>();
        services.TryAddScoped<ParticipantEnrollment>();
        services.TryAddScoped<ConsultationDialog>();
        services.TryAddScoped<OptOutMemory>();
        services.TryAddScoped<ParticipantRequests>();
        services.AddScoped<IDialogFeature, ParticipantRequestsFeature>();
        services.AddScoped<IDialogFeature, StaffHelpFeature>();
        services.TryAddScoped<IDialog, ConversationDialog>();
        services.TryAddScoped<DialogRunner>();
        services.AddHostedService<DialogWarmUp>();
        return services;
    }
}
