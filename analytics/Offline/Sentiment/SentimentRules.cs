using System.Collections.Frozen;

namespace EngagementBot.Analytics.Offline.Sentiment;

/// <summary>Role of a word in the sentiment rules.</summary>
[Flags]
internal enum WordRole : ushort
{
    None = 0,

    /// <summary>Negates the next few words ("not", "pas", "jamais", "aucun", "sans").</summary>
    Negator = 1,

    /// <summary>French "ne"/"n'": opens a negation closed by pas/jamais/plus/rien/aucun/guère/point.</summary>
    NegationOpener = 2,

    /// <summary>Closes a French "ne … X" negation ("plus", "rien", "point", "guère" only count after "ne").</summary>
    NegationCloser = 4,

    /// <summary>Post-verbal negator: may negate the word just before it ("j'aime pas").</summary>
    PostVerbal = 8,

    /// <summary>Boosts the next valenced word.</summary>
    Intensifier = 16,

    /// <summary>Dampens the next valenced word.</summary>
    Diminisher = 32,

    /// <summary>What follows weighs more than what precedes ("but", "mais").</summary>
    Contrast = 64,

    /// <summary>Opens a concession that weighs less ("although", "même si").</summary>
    Concession = 128,

    /// <summary>Boosts the valenced word just before it ("pantoute", "at all").</summary>
    PostIntensifier = 256,

    /// <summary>Marks sarcasm: positive words around it count as negative.</summary>
    Sarcasm = 512,
}

/// <summary>Negation, intensity, contrast and sarcasm cue words per language (folded).</summary>
internal static class SentimentRules
{
    public const float NegationScalar = -0.74f;
    public const float IntensifierFactor = 1.45f;
    public const float DiminisherFactor = 0.6f;
    public const float BeforeContrastFactor = 0.5f;
    public const float AfterContrastFactor = 1.5f;
    public const float ConcessionFactor = 0.5f;
    public const float ShoutingFactor = 1.3f;
    public const int NegationScope = 3;

    public static readonly FrozenDictionary<string, WordRole> French = new Dictionary<string, WordRole>(StringComparer.Ordinal)
    {
        ["ne"] = WordRole.NegationOpener,
        ["n'"] = WordRole.NegationOpener,
        ["pas"] = WordRole.Negator | WordRole.NegationCloser | WordRole.PostVerbal,
        ["jamais"] = WordRole.Negator | WordRole.NegationCloser | WordRole.PostVerbal,
        ["aucun"] = WordRole.Negator | WordRole.NegationCloser,
        ["aucune"] = WordRole.Negator | WordRole.NegationCloser,
        ["rien"] = WordRole.NegationCloser,
        ["plus"] = WordRole.NegationCloser,
        ["guere"] = WordRole.NegationCloser,
        ["point"] = WordRole.NegationCloser,
        ["sans"] = WordRole.Negator,
        ["non"] = WordRole.Negator,
        ["ni"] = WordRole.Negator,
        ["pantoute"] = WordRole.PostIntensifier,
        ["tres"] = WordRole.Intensifier,
        ["vraiment"] = WordRole.Intensifier,
        ["tellement"] = WordRole.Intensifier,
        ["trop"] = WordRole.Intensifier,
        ["super"] = WordRole.Intensifier,
        ["hyper"] = WordRole.Intensifier,
        ["full"] = WordRole.Intensifier,
        ["vachement"] = WordRole.Intensifier,
        ["carrement"] = WordRole.Intensifier,
        ["completement"] = WordRole.Intensifier,
        ["totalement"] = WordRole.Intensifier,
        ["absolument"] = WordRole.Intensifier,
        ["extremement"] = WordRole.Intensifier,
        ["particulierement"] = WordRole.Intensifier,
        ["grandement"] = WordRole.Intensifier,
        ["vraiement"] = WordRole.Intensifier,
        ["bien"] = WordRole.Intensifier,
        ["ben"] = WordRole.Intensifier,
        ["si"] = WordRole.Intensifier,
        ["tout"] = WordRole.Intensifier,
        ["peu"] = WordRole.Diminisher,
        ["assez"] = WordRole.Diminisher,
        ["plutot"] = WordRole.Diminisher,
        ["legerement"] = WordRole.Diminisher,
        ["moyennement"] = WordRole.Diminisher,
        ["presque"] = WordRole.Diminisher,
        ["mais"] = WordRole.Contrast,
        ["cependant"] = WordRole.Contrast,
        ["toutefois"] = WordRole.Contrast,
        ["pourtant"] = WordRole.Contrast,
        ["neanmoins"] = WordRole.Contrast,
        ["contre"] = WordRole.None,
        ["malgre"] = WordRole.Concession,
        ["meme si"] = WordRole.Concession,
        ["bien que"] = WordRole.Concession,
        ["quoique"] = WordRole.Concession,
        ["par contre"] = WordRole.Contrast,
        ["sauf que"] = WordRole.Contrast,
        ["en revanche"] = WordRole.Contrast,
        ["du tout"] = WordRole.PostIntensifier,
        ["🙄"] = WordRole.Sarcasm,
        ["😒"] = WordRole.Sarcasm,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, WordRole> English = new Dictionary<string, WordRole>(StringComparer.Ordinal)
    {
        ["not"] = WordRole.Negator,
        ["no"] = WordRole.Negator,
        ["never"] = WordRole.Negator,
        ["none"] = WordRole.Negator,
        ["nobody"] = WordRole.Negator,
        ["nothing"] = WordRole.Negator,
        ["neither"] = WordRole.Negator,
        ["nor"] = WordRole.Negator,
        ["without"] = WordRole.Negator,
        ["cannot"] = WordRole.Negator,
        ["hardly"] = WordRole.Negator,
        ["barely"] = WordRole.Diminisher,
        ["very"] = WordRole.Intensifier,
        ["really"] = WordRole.Intensifier,
        ["so"] = WordRole.Intensifier,
        ["extremely"] = WordRole.Intensifier,
        ["totally"] = WordRole.Intensifier,
        ["absolutely"] = WordRole.Intensifier,
        ["incredibly"] = WordRole.Intensifier,
        ["truly"] = WordRole.Intensifier,
        ["completely"] = WordRole.Intensifier,
        ["highly"] = WordRole.Intensifier,
        ["super"] = WordRole.Intensifier,
        ["genuinely"] = WordRole.Intensifier,
        ["such"] = WordRole.Intensifier,
        ["too"] = WordRole.Intensifier,
        ["most"] = WordRole.Intensifier,
        ["way"] = WordRole.Intensifier,
        ["strongly"] = WordRole.Intensifier,
        ["slightly"] = WordRole.Diminisher,
        ["somewhat"] = WordRole.Diminisher,
        ["kinda"] = WordRole.Diminisher,
        ["a bit"] = WordRole.Diminisher,
        ["a little"] = WordRole.Diminisher,
        ["kind of"] = WordRole.Diminisher,
        ["sort of"] = WordRole.Diminisher,
        ["but"] = WordRole.Contrast,
        ["however"] = WordRole.Contrast,
        ["nevertheless"] = WordRole.Contrast,
        ["nonetheless"] = WordRole.Contrast,
        ["although"] = WordRole.Concession,
        ["though"] = WordRole.Concession,
        ["despite"] = WordRole.Concession,
        ["even if"] = WordRole.Concession,
        ["even though"] = WordRole.Concession,
        ["at all"] = WordRole.PostIntensifier,
        ["🙄"] = WordRole.Sarcasm,
        ["😒"] = WordRole.Sarcasm,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>English contractions ending in n't negate ("don't", "isn't", "can't").</summary>
    public static bool IsEnglishContractedNegation(ReadOnlySpan<char> folded) =>
        folded.EndsWith("n't", StringComparison.Ordinal) || folded is "dont" or "cant" or "wont" or "isnt" or "doesnt" or "didnt" or "wasnt" or "arent" or "couldnt" or "shouldnt" or "wouldnt" or "havent" or "hasnt" or "aint";
}
