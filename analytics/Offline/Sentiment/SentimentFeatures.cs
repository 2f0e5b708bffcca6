using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.Sentiment;

/// <summary>
/// Hashed features of the English sentiment model: word unigrams (marked when negated), bigrams
/// within a clause, and the rule scorer's evidence. Shared by the runtime model and the trainer.
/// </summary>
internal static class SentimentFeatures
{
    public const int Bits = 18;
    public const int Size = 1 << Bits;
    public const int BiasIndex = 0;
    public const int CompoundIndex = 1;
    public const int PositiveIndex = 2;
    public const int NegativeIndex = 3;
    private const int Reserved = 8;

    /// <summary>Appends the features of tokens [first, end) to <paramref name="features"/> (cleared first).</summary>
    public static void Extract(ReadOnlySpan<char> folded, List<Token> tokens, int first, int end, List<bool> negated, float positive, float negative, List<(int Index, float Value)> features)
    {
        features.Clear();
        var previous = -1;
        var ngrams = 0;
        for (var i = first; i < end; i++)
        {
            var t = tokens[i];
            if (t.Kind is not (TokenKind.Word or TokenKind.Emoji))
            {
                if (t.Kind is TokenKind.ClauseBreak or TokenKind.SentenceBreak)
                {
                    previous = -1;
                }

                continue;
            }

            var word = folded.Slice(t.Start, t.Length);
            var neg = negated[i];
            features.Add((Index(Hash(1u, word, neg ? 1u : 0u)), 1f));
            ngrams++;
            if (previous >= 0)
            {
                var p = tokens[previous];
                var h = Hash(2u, folded.Slice(p.Start, p.Length), 0u);
                features.Add((Index(Hash(h, word, 0u)), 1f));
                ngrams++;
            }

            previous = i;
        }

        if (ngrams > 0)
        {
            var scale = 1f / MathF.Sqrt(ngrams);
            for (var k = 0; k < features.Count; k++)
            {
                features[k] = (features[k].Index, scale);
            }
        }

        var s = positive - negative;
        features.Add((BiasIndex, 1f));
        features.Add((CompoundIndex, s / MathF.Sqrt((s * s) + 15f)));
        features.Add((PositiveIndex, positive / (1f + positive)));
        features.Add((NegativeIndex, negative / (1f + negative)));
    }

    /// <summary>
    /// Sum of the model weights of the n-gram features of tokens [first, end) and their count (the
    /// same features as <see cref="Extract"/>, without building the list).
    /// </summary>
    public static (float Sum, int Count) NgramWeights(float[] weights, ReadOnlySpan<char> folded, List<Token> tokens, int first, int end, List<bool> negated)
    {
        var sum = 0f;
        var count = 0;
        var previous = -1;
        for (var i = first; i < end; i++)
        {
            var t = tokens[i];
            if (t.Kind is not (TokenKind.Word or TokenKind.Emoji))
            {
                if (t.Kind is TokenKind.ClauseBreak or TokenKind.SentenceBreak)
                {
                    previous = -1;
                }

                continue;
            }

            var word = folded.Slice(t.Start, t.Length);
            sum += weights[Index(Hash(1u, word, negated[i] ? 1u : 0u))];
            count++;
            if (previous >= 0)
            {
                var p = tokens[previous];
                sum += weights[Index(Hash(Hash(2u, folded.Slice(p.Start, p.Length), 0u), word, 0u))];
                count++;
            }

            previous = i;
        }

        return (sum, count);
    }

    /// <summary>The model's logit from n-gram weight sums and the rule evidence.</summary>
    public static float Logit(float[] weights, float ngramSum, int ngramCount, float positive, float negative)
    {
        var s = positive - negative;
        var z = ngramCount > 0 ? ngramSum / MathF.Sqrt(ngramCount) : 0f;
        return z + weights[BiasIndex] + (weights[CompoundIndex] * (s / MathF.Sqrt((s * s) + 15f)))
            + (weights[PositiveIndex] * (positive / (1f + positive))) + (weights[NegativeIndex] * (negative / (1f + negative)));
    }

    private static int Index(uint hash) => Reserved + (int)(hash % (Size - Reserved));

    private static uint Hash(uint seed, ReadOnlySpan<char> text, uint extra)
    {
        var h = 2166136261u ^ seed;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }

        h = (h ^ extra) * 16777619u;
        return h ^ (h >> 15);
    }
}
