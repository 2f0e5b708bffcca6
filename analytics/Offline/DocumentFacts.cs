using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Offline;

/// <summary>What the per-document pass keeps for the corpus steps (themes, summary, key phrase counts).</summary>
internal sealed class DocumentFacts(int index, TextDocument document)
{
    public int Index { get; } = index;

    public TextDocument Document { get; } = document;

    public LanguageResult? Language { get; set; }

    public DocumentSentiment? Sentiment { get; set; }

    public PiiResult? Pii { get; set; }

    public IReadOnlyList<string> KeyPhrases { get; set; } = [];

    /// <summary>Seeded theme hits, per theme index.</summary>
    public float[] ThemeHits { get; set; } = [];

    /// <summary>For each seeded theme: index of the sentence with most hits (-1 when none).</summary>
    public int[] ThemeSentence { get; set; } = [];

    /// <summary>Distinct content-word ids of the document.</summary>
    public int[] ContentIds { get; set; } = [];

    /// <summary>Sentences: character range, token count and distinct content-word ids.</summary>
    public SentenceFacts[] Sentences { get; set; } = [];

    public List<string> ThemeKeys { get; } = [];
}

/// <summary>One sentence of a document as kept for the corpus steps.</summary>
internal readonly record struct SentenceFacts(int Start, int Length, int Words, int[] ContentIds);
