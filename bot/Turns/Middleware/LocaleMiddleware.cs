using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Turns.Middleware;

/// <summary>
/// Sets <see cref="TurnContext.Language"/> to <c>fr</c> or <c>en</c> from the activity's locale
/// (<c>fr-CA</c>, <c>fr-FR</c>, <c>en-US</c>…), else the locale of its <c>clientInfo</c> entity (Teams and
/// Web Chat send one), falling back to the configured default. A participant's own choice, once stored,
/// overrides it later in the pipeline.
/// </summary>
public sealed class LocaleMiddleware(IOptions<TurnOptions> options) : ITurnMiddleware
{
    private readonly string _defaultLanguage = options.Value.DefaultLanguage;

    public Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
    {
        turn.Language = LanguageOf(turn.Activity.Locale) ?? LanguageOf(ClientInfoLocale(turn.Activity)) ?? _defaultLanguage;
        return next(cancellationToken);
    }

    private static string? ClientInfoLocale(Activity activity)
    {
        if (activity.Entities is null)
        {
            return null;
        }

        foreach (var entity in activity.Entities)
        {
            if (string.Equals(entity.Type, "clientInfo", StringComparison.OrdinalIgnoreCase)
                && entity.ExtensionData?.TryGetValue("locale", out var locale) == true
                && locale.ValueKind == JsonValueKind.String)
            {
                return locale.GetString();
            }
        }

        return null;
    }

    /// <summary><c>fr</c> or <c>en</c> for a BCP-47 locale, or null when it is neither.</summary>
    public static string? LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var span = locale.AsSpan().Trim();
        if (span.StartsWith("fr", StringComparison.OrdinalIgnoreCase) && (span.Length == 2 || span[2] is '-' or '_'))
        {
            return "fr";
        }

        if (span.StartsWith("en", StringComparison.OrdinalIgnoreCase) && (span.Length == 2 || span[2] is '-' or '_'))
        {
            return "en";
        }

        return null;
    }
}
