using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using EngagementBot.Dialogs.Understanding.Text;

namespace EngagementBot.Dialogs.Understanding.Model;

/// <summary>Receives the features of a message, one by one (hashed name, value).</summary>
internal interface IFeatureSink
{
    /// <summary>Receives one feature occurrence.</summary>
    void Add(ulong feature, float value);
}

/// <summary>
/// Turns normalised words into sparse hashed features: word stems (function words weighted down), adjacent
/// and skip stem pairs, the first word, concepts of the <see cref="DomainLexicon"/>, and character 3- to
/// 5-grams of each content word (which carry typos and unseen inflections).
/// Generic over a struct sink so that extraction allocates nothing.
/// </summary>
internal static class FeatureExtractor
{
    private const float WordWeight = 1f;
    private const float PairWeight = 0.8f;
    private const float SkipPairWeight = 0.4f;
    private const float FirstWordWeight = 0.5f;
    private const float CharGramWeight = 0.25f;
    private const float StopWordWeight = 0.3f;
    private const float ConceptWeight = 1f;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWords.Function.GetAlternateLookup<ReadOnlySpan<char>>();

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Sends every feature of <paramref name="tokens"/> to <paramref name="sink"/>.</summary>
    public static void Extract<TSink>(TokenBuffer tokens, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var count = tokens.Count;
        if (count == 0)
        {
            return;
        }

        ulong previous = 0;
        ulong beforePrevious = 0;
        for (var i = 0; i < count; i++)
        {
            var word = tokens[i];
            var stem = LightStemmer.Stem(word);
            var stemHash = Mix(Offset, stem);

            var isStopWord = StopWordLookup.Contains(word);
            sink.Add(Tag(stemHash, 'w'), isStopWord ? StopWordWeight : WordWeight);
            if (DomainLexicon.TryGetConcept(stem, out var concept))
            {
                sink.Add(Tag(Mix(Offset, concept), 'L'), ConceptWeight);
            }

            if (i == 0)
            {
                sink.Add(Tag(stemHash, count == 1 ? 'o' : 'f'), FirstWordWeight);
            }

            if (i > 0)
            {
                sink.Add(Tag(Combine(previous, stemHash), 'b'), PairWeight);
            }

            if (i > 1)
            {
                sink.Add(Tag(Combine(beforePrevious, stemHash), 's'), SkipPairWeight);
            }

            if (!isStopWord)
            {
                AddCharGrams(word, ref sink);
            }

            beforePrevious = previous;
            previous = stemHash;
        }
    }

    private static void AddCharGrams<TSink>(ReadOnlySpan<char> word, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        Span<char> padded = stackalloc char[Math.Min(word.Length, 60) + 2];
        padded[0] = '<';
        word[..(padded.Length - 2)].CopyTo(padded[1..]);
        padded[^1] = '>';
        for (var n = 3; n <= 5; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                sink.Add(Tag(Mix(Offset, padded.Slice(start, n)), 'c'), CharGramWeight);
            }

            if (n >= padded.Length)
            {
                break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Combine(ulong left, ulong right) => ((left * 31UL) ^ (right + 0x9E3779B97F4A7C15UL)) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tag(ulong hash, char kind) => (hash ^ kind) * Prime;
}
