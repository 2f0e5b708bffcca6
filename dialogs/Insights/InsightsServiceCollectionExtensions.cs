using EngagementBot.Analytics;
using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Dialogs.Insights;

/// <summary>Registers the staff insights commands and their background computation.</summary>
public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "summary"/"résumé" and "theme" staff commands (<see cref="InsightsFeature"/>, order 100), the report
    /// builder, the bounded queue and its <see cref="InsightsWorker"/>, <see cref="InsightsOptions"/> (section
    /// <c>Insights</c>, validated at start-up) and the text analyzer (<c>TextAnalytics</c>) when none is registered.
    /// Needs the dialogs (<c>AddConsultationDialogs</c>), storage and an <see cref="IProactiveMessenger"/>.
    /// </summary>
    public static IServiceCollection AddStaffInsights(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InsightsOptions>().Bind(configuration.GetSection(InsightsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(ITextAnalyzer)))
        {
            services.AddTextAnalytics(configuration);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddLazyServices();
        services.TryAddScoped<InsightsScopeResolver>();
        services.TryAddScoped<InsightsReportBuilder>();
        services.TryAddSingleton<InsightsQueue>();
        services.AddHostedService<InsightsWorker>();
        services.TryAddScoped<ParticipantEnrollment>();
        services.AddScoped<IDialogFeature, InsightsFeature>();
        return services;
    }
}
