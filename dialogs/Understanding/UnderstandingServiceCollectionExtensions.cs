using EngagementBot.Dialogs.Understanding.Evaluation;
using EngagementBot.Dialogs.Understanding.Faq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Understanding;

/// <summary>Registers question understanding (intent recognizer, FAQ index factory, batch evaluation).</summary>
public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IIntentRecognizer"/> (trained once, at first use, on the embedded training set),
    /// <see cref="FaqIndexFactory"/>, <see cref="IntentEvaluation"/> and <see cref="NluEvalCommand"/>, with <see cref="UnderstandingOptions"/>
    /// bound from the <c>Understanding</c> section and validated at start-up.
    /// </summary>
    public static IServiceCollection AddUnderstanding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<UnderstandingOptions>()
            .Bind(configuration.GetSection(UnderstandingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UnderstandingOptions>, UnderstandingOptionsValidator>());
        services.TryAddSingleton<IIntentRecognizer>(provider =>
            IntentRecognizer.CreateDefault(provider.GetRequiredService<IOptions<UnderstandingOptions>>().Value.IntentMinConfidence));
        services.TryAddSingleton<FaqIndexFactory>();
        services.TryAddSingleton<IntentEvaluation>();
        services.TryAddSingleton<NluEvalCommand>();
        return services;
    }
}
