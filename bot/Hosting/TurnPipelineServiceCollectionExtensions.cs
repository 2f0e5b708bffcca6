using EngagementBot.Bot.Conversation;
using EngagementBot.Bot.Resources;
using EngagementBot.Bot.Turns;
using EngagementBot.Bot.Turns.Middleware;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Bot.Hosting;

/// <summary>Registers the turn pipeline: middleware in onion order, then the bot's routes.</summary>
public static class TurnPipelineServiceCollectionExtensions
{
    public static IServiceCollection AddTurnPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TurnOptions>()
            .Bind(configuration.GetSection(TurnOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BotTexts>();

        // Middleware run in this order, each wrapping the next.
        services.AddSingleton<ITurnMiddleware, LocaleMiddleware>();
        services.AddSingleton<ITurnMiddleware, ErrorHandlingMiddleware>();
        services.AddSingleton<ITurnMiddleware, InboundLimitsMiddleware>();
        services.AddSingleton<ITurnMiddleware, MentionStrippingMiddleware>();
        services.AddSingleton<ITurnMiddleware, TypingIndicatorMiddleware>();

        services.AddSingleton<ActivityRouter, EngagementBotApplication>();
        services.AddSingleton<TurnPipeline>();
        services.AddSingleton<BackgroundTurnTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundTurnTracker>());
        services.AddSingleton<IActivityProcessor, ActivityProcessor>();
        services.AddSingleton<ConversationContinuation>();
        return services;
    }
}
