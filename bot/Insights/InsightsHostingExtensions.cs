using EngagementBot.Dialogs.Insights;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Bot.Insights;

/// <summary>Registers staff insights in the bot: the dialogs' commands and worker, and the signed export links.</summary>
public static class InsightsHostingExtensions
{
    /// <summary>
    /// Adds <see cref="Dialogs.Insights.InsightsServiceCollectionExtensions.AddStaffInsights"/> (commands, worker, analyzer), the link
    /// signer (<see cref="InsightsExportOptions"/>, validated at start-up) and <see cref="IInsightsLinks"/> for the cards.
    /// </summary>
    public static IServiceCollection AddInsights(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddStaffInsights(configuration);
        services.AddOptions<InsightsExportOptions>().Bind(configuration.GetSection(InsightsExportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ExportLinkSigner>();
        services.TryAddSingleton<IInsightsLinks, SignedInsightsLinks>();
        return services;
    }
}
