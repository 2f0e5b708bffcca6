using EngagementBot.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Hosting;

/// <summary>
/// Local mode (no <c>MicrosoftAppId</c>) accepts unauthenticated traffic: fine on a developer's machine,
/// never in production. The Production environment refuses to start without an app id; every other
/// environment starts with a loud warning.
/// </summary>
public sealed partial class LocalModeGuard(IHostEnvironment environment) : IValidateOptions<BotIdentityOptions>
{
    public const string ProductionMessage =
        "MicrosoftAppId is not configured and the environment is Production. The bot refuses to start without channel authentication: " +
        "set MicrosoftAppId (and MicrosoftAppPassword, a certificate, or MicrosoftAppType=UserAssignedMSI) and MicrosoftAppTenantId, " +
        "or run with ASPNETCORE_ENVIRONMENT=Development for local testing.";

    public ValidateOptionsResult Validate(string? name, BotIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsLocalMode && environment.IsProduction()
            ? ValidateOptionsResult.Fail(ProductionMessage)
            : ValidateOptionsResult.Success;
    }

    /// <summary>Logs the local-mode warning at start-up.</summary>
    public static void WarnIfLocalMode(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BotIdentityOptions>>().Value;
        if (options.IsLocalMode)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EngagementBot.Security");
            LogLocalMode(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "*** LOCAL MODE: no MicrosoftAppId is configured, so /api/messages accepts UNAUTHENTICATED requests and outbound calls carry no token. " +
        "Only loopback service URLs are answered. Never expose this instance to a network; configure MicrosoftAppId for Azure Bot Service. ***")]
    private static partial void LogLocalMode(ILogger logger);
}
