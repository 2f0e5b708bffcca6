using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>Registers the project answers.</summary>
public static class ProjectInfoServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ProjectInfoFeature"/> (order 300) and the per-project FAQ indexes. Needs the dialogs
    /// (<c>AddConsultationDialogs</c>, which adds the recognizer and the FAQ index factory) and the ask-staff loop
    /// (<c>AddAskStaff</c>) for questions the FAQ cannot answer.
    /// </summary>
    public static IServiceCollection AddProjectInfo(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ProjectFaqIndexes>();
        services.TryAddScoped<ParticipantEnrollment>();
        services.AddScoped<IDialogFeature, ProjectInfoFeature>();
        return services;
    }
}
