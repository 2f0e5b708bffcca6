namespace EngagementBot.Analytics.Offline.Sentiment;

/// <summary>Per-document sentiment evidence, reused between documents of one worker.</summary>
internal sealed class SentimentScratch
{
    /// <summary>Per sentence: positive and negative evidence after all rules.</summary>
    public List<(float Positive, float Negative)> Sentences { get; } = [];

    /// <summary>Per token: whether it is inside a negation scope.</summary>
    public List<bool> Negated { get; } = [];

    /// <summary>Valenced items of the current sentence: token index and weighted valence.</summary>
    public List<(int Token, float Valence)> Items { get; } = [];

    public float DocumentPositive { get; set; }

    public float DocumentNegative { get; set; }

    /// <summary>Sum of the sentences' positive evidence without the cross-sentence contrast weighting (for "mixed").</summary>
    public float RawPositive { get; set; }

    /// <summary>Sum of the sentences' negative evidence without the cross-sentence contrast weighting (for "mixed").</summary>
    public float RawNegative { get; set; }

    public void Reset(int tokenCount)
    {
        Sentences.Clear();
        Negated.Clear();
        for (var i = 0; i < tokenCount; i++)
        {
            Negated.Add(false);
        }

        DocumentPositive = 0;
        DocumentNegative = 0;
        RawPositive = 0;
        RawNegative = 0;
    }
}
