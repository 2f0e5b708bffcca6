using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Turns.Middleware;

/// <summary>
/// Sets <see cref="TurnContext.Language"/> to <c>fr</c> or <c>en</c> from the activity's locale
/// (<c>fr-CA</c>, <c>fr-FR</c>, <c>en-US</c>…), falling back to the configured default. A participant's own
/// choice, once stored, overrides it later in the pipeline.
/// </summary>
public sealed class LocaleMiddleware(IOptions<TurnOptions> options) : ITurnMiddleware
{
    private readonly string _defaultLanguage = options.Value.DefaultLanguage;

    public Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
    {
        turn.Language = LanguageOf(turn.Activity.Locale) ?? _defaultLanguage;
        return next(cancellationToken);
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
