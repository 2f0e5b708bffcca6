using System.Collections.Frozen;

namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>French and English function words (folded), in two strengths.</summary>
internal static class StopWords
{
    private static readonly string[] FunctionWords =
    [
        // French
        "le", "la", "les", "un", "une", "des", "de", "du", "au", "aux", "ce", "cet", "cette", "ces", "mon", "ma", "mes",
        "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "je", "tu", "il", "elle",
        "on", "nous", "vous", "ils", "elles", "me", "te", "se", "moi", "toi", "lui", "y", "en", "et", "ou", "mais", "donc",
        "que", "a", "est", "sont", "etre", "ai", "as", "avons", "avez", "ont", "dans", "sur", "pour", "par", "avec", "ne",
        "pas", "svp", "puis", "bien", "ca", "cela", "ci", "la", "al",

        // English
        "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "my", "your", "our", "their", "i", "you", "he", "she",
        "it", "we", "they", "me", "us", "them", "is", "are", "was", "were", "be", "been", "am", "and", "or", "but", "this",
        "that", "these", "those", "please", "so", "just", "any", "some", "its", "his", "her", "by", "from", "about", "up",
        "ok", "hi", "hey",
    ];

    private static readonly string[] QuestionWords =
    [
        "qui", "quoi", "quand", "comment", "combien", "pourquoi", "quel", "quelle", "quels", "quelles", "lequel",
        "laquelle", "lesquels", "lesquelles", "est", "ce", "qu", "il", "y", "a", "t", "tu", "va", "vont", "aller", "sera",
        "seront", "etre", "avoir", "aura", "auront", "peut", "peux", "pouvoir", "faire", "fait", "vais", "veux", "voudrais",
        "aimerais", "allez", "pourra", "pourrai", "bonjour", "merci", "salut", "plus", "tout", "tous", "toute", "toutes",
        "tres", "aussi", "encore", "deja", "oui", "non", "quoi", "quelque", "chose", "parc", "berges", "projet",
        "what", "who", "when", "where", "why", "how", "which", "will", "would", "can", "could", "should", "do", "does",
        "did", "have", "has", "had", "there", "here", "going", "get", "gonna", "want", "like", "know", "tell", "much",
        "many", "not", "no", "yes", "all", "any", "more", "also", "still", "already", "hello", "thanks", "thank", "park",
        "riverside", "project", "is",
    ];

    /// <summary>Articles, pronouns, prepositions, auxiliaries: weak evidence of an intent.</summary>
    public static FrozenSet<string> Function { get; } = FunctionWords.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Function"/> plus question words, common verbs and the project's own name: words that say
    /// nothing about which FAQ entry is meant.
    /// </summary>
    public static FrozenSet<string> Retrieval { get; } = FunctionWords.Concat(QuestionWords).ToFrozenSet(StringComparer.Ordinal);
}
