using System.Globalization;
using System.Resources;

namespace EngagementBot.Bot.Resources;

/// <summary>
/// The bot's user-facing texts, in <c>BotTexts.resx</c> (English) and <c>BotTexts.fr.resx</c> (French).
/// Look a text up by its key and the turn's language; never write user-facing text inline in code.
/// </summary>
public sealed class BotTexts
{
    public const string Welcome = nameof(Welcome);
    public const string Apology = nameof(Apology);
    public const string SlowDown = nameof(SlowDown);
    public const string TooLong = nameof(TooLong);
    public const string ActionReceived = nameof(ActionReceived);

    private static readonly ResourceManager Resources = new("EngagementBot.Bot.Resources.BotTexts", typeof(BotTexts).Assembly);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (<c>fr</c> or <c>en</c>).</summary>
    public string Get(string key, string language) =>
        Resources.GetString(key, language == "fr" ? French : English)
        ?? throw new KeyNotFoundException($"No bot text named '{key}'.");

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in.</summary>
    public string Format(string key, string language, params object[] args) =>
        string.Format(language == "fr" ? French : English, Get(key, language), args);
}
