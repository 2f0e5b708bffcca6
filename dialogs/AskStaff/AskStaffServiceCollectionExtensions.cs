using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>Registers the ask-staff loop.</summary>
public static class AskStaffServiceCollectionExtensions
{
    /// <summary>
    /// Adds the citizen side (<see cref="AskStaffFeature"/>, order 200), the staff commands (<see cref="StaffQuestionsFeature"/>,
    /// order 100), answer delivery and the overdue notices, with <see cref="AskStaffOptions"/> (section <c>AskStaff</c>)
    /// validated at start-up. Needs the dialogs (<c>AddConsultationDialogs</c>) and an <see cref="IProactiveMessenger"/>.
    /// </summary>
    public static IServiceCollection AddAskStaff(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AskStaffOptions>().Bind(configuration.GetSection(AskStaffOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AskStaffOptions>, AskStaffOptionsValidator>());
        services.AddLazyServices();
        services.TryAddScoped<StaffConversations>();
        services.TryAddScoped<OpenQuestions>();
        services.TryAddScoped<StaffAnswerDelivery>();
        services.TryAddScoped<ParticipantEnrollment>();
        services.AddScoped<IDialogFeature, AskStaffFeature>();
        services.AddScoped<IDialogFeature, StaffQuestionsFeature>();
        services.AddHostedService<OverdueQuestionNotifier>();
        return services;
    }
}
