using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>Registers publishing: audience, fan-out, progress, the personal composer, the staff command, reports and event reminders.</summary>
public static class PublishingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PublishingOptions"/> (section <c>Publishing</c>, validated at start-up), the publishing services
    /// (scoped, like the stores), the chat commands <see cref="PublishCommandFeature"/> and <see cref="WithdrawCommandFeature"/>, the final report hook
    /// <see cref="IDeliveryReportNotifier"/>, the event reminder worker, and replaces the default
    /// <see cref="INotificationComposer"/> with <see cref="PersonalNotificationComposer"/>.
    /// </summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PublishingOptions>().Bind(configuration.GetSection(PublishingOptions.SectionName))
            .Validate(o => o.FanOutPageSize is >= 1 and <= 1000, "Publishing:FanOutPageSize must be between 1 and 1000.")
            .Validate(o => o.MaxTextLength is >= 100 and <= 20_000, "Publishing:MaxTextLength must be between 100 and 20000.")
            .Validate(o => o.ReminderLeadTime > TimeSpan.Zero, "Publishing:ReminderLeadTime must be positive (e.g. 2.00:00:00 for two days).")
            .Validate(o => o.ReminderScanInterval >= TimeSpan.FromSeconds(1), "Publishing:ReminderScanInterval must be at least 00:00:01.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLazyServices();
        services.TryAddScoped<PublishingAudience>();
        services.TryAddScoped<NotificationPublisher>();
        services.TryAddScoped<PublisherConversations>();
        services.TryAddScoped<IDeliveryProgressSource, StoreDeliveryProgressSource>();
        services.TryAddScoped<RecentNotifications>();
        services.TryAddScoped<NotificationWithdrawal>();
        services.TryAddSingleton<PublishingContentCache>();
        services.TryAddScoped<IDeliveryReportNotifier, DeliveryReportNotifier>();
        services.TryAddScoped<ReminderOptIns>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPersonalDataHolder, ReminderPersonalData>());
        services.TryAddScoped<EventReminderScheduler>();
        services.Replace(ServiceDescriptor.Scoped<INotificationComposer, PersonalNotificationComposer>());
        services.TryAddScoped<ParticipantEnrollment>();
        services.AddScoped<IDialogFeature, PublishCommandFeature>();
        services.AddScoped<IDialogFeature, WithdrawCommandFeature>();
        services.AddScoped<IDialogFeature, RemindMeFeature>();
        services.AddHostedService<EventReminderWorker>();
        return services;
    }
}
