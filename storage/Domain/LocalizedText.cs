namespace EngagementBot.Storage.Domain;

/// <summary>A text authored in both official languages (French and English).</summary>
/// <param name="Fr">The French text.</param>
/// <param name="En">The English text.</param>
public sealed record LocalizedText(string Fr, string En)
{
    /// <summary>
    /// The text for a language tag: English for any tag starting with "en", French otherwise
    /// (French is the city's primary language).
    /// </summary>
    public string For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Fr;
}
