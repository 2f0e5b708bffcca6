using System.Runtime.CompilerServices;

namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>
/// Corrects a word that is not in a known vocabulary to a known word one edit away (a letter missing,
/// added, replaced, or two neighbours swapped), preferring the most frequent candidate. Uses hashed
/// one-letter deletions (symmetric delete), so a correction costs a few dictionary look-ups and no
/// allocation. Short words are left alone: a typo in three letters is too ambiguous.
/// </summary>
internal sealed class SpellingCorrector : IWordCorrector
{
    private const int MinLength = 4;

    private readonly string[] _words;
    private readonly int[] _frequencies;
    private readonly Dictionary<ulong, int> _wordByHash = [];
    private readonly Dictionary<ulong, int> _wordByDeletionHash = [];

    /// <summary>Creates a corrector over <paramref name="frequencies"/> (word → how often it was seen).</summary>
    public SpellingCorrector(IReadOnlyDictionary<string, int> frequencies)
    {
        _words = [.. frequencies.Keys.Order(StringComparer.Ordinal)];
        _frequencies = new int[_words.Length];
        for (var i = 0; i < _words.Length; i++)
        {
            var word = _words[i];
            _frequencies[i] = frequencies[word];
            _wordByHash[Hash(word, -1)] = i;
            if (word.Length < MinLength)
            {
                continue;
            }

            for (var skip = 0; skip < word.Length; skip++)
            {
                var key = Hash(word, skip);
                if (!_wordByDeletionHash.TryGetValue(key, out var existing) || _frequencies[existing] < _frequencies[i])
                {
                    _wordByDeletionHash[key] = i;
                }
            }
        }
    }

    /// <summary>Whether <paramref name="word"/> is in the vocabulary.</summary>
    public bool IsKnown(ReadOnlySpan<char> word) => _wordByHash.ContainsKey(Hash(word, -1));

    /// <inheritdoc />
    public ReadOnlySpan<char> Correct(ReadOnlySpan<char> word)
    {
        if (word.Length < MinLength || IsKnown(word) || ContainsDigit(word))
        {
            return default;
        }

        var best = -1;

        // A letter missing from the typed word: the typed word is a deletion of a known word.
        Consider(_wordByDeletionHash, Hash(word, -1), ref best);
        for (var skip = 0; skip < word.Length; skip++)
        {
            var key = Hash(word, skip);

            // A letter added: deleting it gives a known word.
            Consider(_wordByHash, key, ref best);

            // A letter replaced (or, for neighbours, swapped): both share a deletion.
            if (word.Length > MinLength)
            {
                Consider(_wordByDeletionHash, key, ref best);
            }
        }

        return best < 0 ? default : _words[best];
    }

    private void Consider(Dictionary<ulong, int> index, ulong key, ref int best)
    {
        if (index.TryGetValue(key, out var candidate) && (best < 0 || _frequencies[candidate] > _frequencies[best]))
        {
            best = candidate;
        }
    }

    private static bool ContainsDigit(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<char> word, int skip)
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < word.Length; i++)
        {
            if (i != skip)
            {
                hash = (hash ^ word[i]) * 1099511628211UL;
            }
        }

        return hash;
    }
}
