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

    /// <summary>Strongest seeded theme (Theme = -1 when none).</summary>
    public ThemeMatch Primary { get; set; } = ThemeMatch.None;

    /// <summary>Second strongest seeded theme (Theme = -1 when none).</summary>
    public ThemeMatch Secondary { get; set; } = ThemeMatch.None;

    /// <summary>Distinct content-word ids of the document.</summary>
    public int[] ContentIds { get; set; } = [];

    /// <summary>Sentences: character range, word count and where their content-word ids are in <see cref="SentenceIds"/>.</summary>
    public SentenceFacts[] Sentences { get; set; } = [];

    /// <summary>Distinct content-word ids of each sentence, one after the other.</summary>
    public int[] SentenceIds { get; set; } = [];

    /// <summary>The distinct content-word ids of sentence <paramref name="sentence"/>.</summary>
    public ReadOnlySpan<int> IdsOf(int sentence) => SentenceIds.AsSpan(Sentences[sentence].IdStart, Sentences[sentence].IdCount);

    public List<string> ThemeKeys { get; } = [];
}

/// <summary>One sentence of a document as kept for the corpus steps.</summary>
internal readonly record struct SentenceFacts(int Start, int Length, int Words, int IdStart, int IdCount);

/// <summary>A seeded theme of a document: theme index, number of term hits and the sentence with most hits.</summary>
internal readonly record struct ThemeMatch(int Theme, float Hits, int Sentence)
{
    public static ThemeMatch None => new(-1, 0, -1);
}
