namespace EngagementBot.Analytics.Model;

/// <summary>Language detected for a document.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Language">"fr", "en" or "other".</param>
/// <param name="Confidence">0..1.</param>
public sealed record LanguageResult(string Id, string Language, double Confidence)
{
    /// <summary>French.</summary>
    public const string French = "fr";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Any other language (or no detectable language).</summary>
    public const string Other = "other";
}
