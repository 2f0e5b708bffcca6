using System.Collections.Frozen;
using EngagementBot.Analytics.Offline.Lexicons;
using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.Sentiment;

/// <summary>
/// Lexicon-and-rules sentiment (VADER-like) for French and English: multi-word terms, negation
/// (including French "ne … pas", post-verbal "pas" and Quebec "pantoute"), intensifiers and
/// diminishers, contrast ("mais", "but": the clause after weighs more), concession, emojis, capitals,
/// exclamation and rhetorical question marks, and eye-roll sarcasm.
/// </summary>
internal static class RuleSentimentScorer
{
    private const int MaxKeyChars = 128;

    private static readonly FrozenSet<string> FrenchRolePhraseStarts = FrozenSet.ToFrozenSet(["par", "sauf", "en", "meme", "bien", "du"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> EnglishRolePhraseStarts = FrozenSet.ToFrozenSet(["a", "kind", "sort", "even", "at"], StringComparer.Ordinal);

    public static void Score(ReadOnlySpan<char> folded, List<Token> tokens, List<SentenceSpan> sentences, bool french, SentimentScratch scratch)
    {
        var lexicon = french ? SentimentLexicon.French : SentimentLexicon.English;
        var roles = (french ? SentimentRules.French : SentimentRules.English).GetAlternateLookup<ReadOnlySpan<char>>();
        var rolePhraseStarts = (french ? FrenchRolePhraseStarts : EnglishRolePhraseStarts).GetAlternateLookup<ReadOnlySpan<char>>();
        scratch.Reset(tokens.Count);

        var allCaps = IsAllCaps(tokens);
        var sarcasm = HasSarcasm(folded, tokens, roles);
        Span<char> key = stackalloc char[MaxKeyChars];
        float docPositive = 0, docNegative = 0;

        foreach (var sentence in sentences)
        {
            var items = scratch.Items;
            items.Clear();
            var end = sentence.FirstToken + sentence.TokenCount;
            var negRemaining = 0;
            var neOpen = 0;
            var boost = 1f;
            var boostTtl = 0;
            var concession = false;
            var afterContrast = false;
            var startsWithContrast = false;
            var wordIndexInSentence = 0;
            var i = sentence.FirstToken;
            while (i < end)
            {
                var t = tokens[i];
                if (t.Kind is TokenKind.ClauseBreak or TokenKind.SentenceBreak)
                {
                    if (t.Kind == TokenKind.ClauseBreak && folded[t.Start] is ',' or ';' or '(' or ')')
                    {
                        negRemaining = 0;
                        neOpen = 0;
                        concession = false;
                    }

                    if (t.Kind == TokenKind.SentenceBreak && t.BreakChar == '?')
                    {
                        items.Add((i, t.Length > 1 ? -0.9f : -0.4f));
                    }

                    i++;
                    continue;
                }

                if (t.Kind is not (TokenKind.Word or TokenKind.Emoji))
                {
                    i++;
                    continue;
                }

                var word = folded.Slice(t.Start, t.Length);
                var span = 1;
                var role = WordRole.None;
                var valence = 0f;
                var isPhrase = false;

                // Role phrases first ("par contre", "even if"), then lexicon phrases ("pas pire").
                if (i + 1 < end && rolePhraseStarts.Contains(word) && TryKey(folded, tokens, i, 2, end, key, out var len2) && roles.TryGetValue(key[..len2], out var phraseRole))
                {
                    role = phraseRole;
                    span = 2;
                }
                else if (lexicon.PhraseLengths(word) is var lengths && lengths != 0)
                {
                    for (var n = Math.Min(lexicon.MaxPhraseWords, 4); n >= 2; n--)
                    {
                        if ((lengths & (1 << n)) != 0 && TryKey(folded, tokens, i, n, end, key, out var len) && lexicon.TryPhrase(key[..len], out var pv))
                        {
                            valence = pv;
                            span = n;
                            isPhrase = true;
                            break;
                        }
                    }
                }

                if (span == 1)
                {
                    roles.TryGetValue(word, out role);
                    valence = lexicon.Word(word);
                    if (!french && role == WordRole.None && SentimentRules.IsEnglishContractedNegation(word))
                    {
                        role = WordRole.Negator;
                    }
                }

                if (isPhrase && roles.TryGetValue(word, out var firstRole) && (firstRole & (WordRole.Negator | WordRole.NegationCloser)) != 0)
                {
                    // "ce n'est pas pire": the phrase already carries its negation.
                    neOpen = 0;
                    negRemaining = 0;
                }

                if ((role & (WordRole.Contrast)) != 0)
                {
                    for (var k = 0; k < items.Count; k++)
                    {
                        items[k] = (items[k].Token, items[k].Valence * SentimentRules.BeforeContrastFactor);
                    }

                    afterContrast = true;
                    startsWithContrast |= wordIndexInSentence == 0;
                    negRemaining = 0;
                    neOpen = 0;
                }

                if ((role & WordRole.Concession) != 0)
                {
                    concession = true;
                }

                if ((role & WordRole.PostIntensifier) != 0 && items.Count > 0)
                {
                    var last = items[^1];
                    items[^1] = (last.Token, last.Valence * SentimentRules.IntensifierFactor);
                }

                var negatedHere = neOpen > 0 || negRemaining > 0;
                if (french && (role & WordRole.NegationOpener) != 0)
                {
                    neOpen = 4;
                }
                else if ((role & WordRole.NegationCloser) != 0 && neOpen > 0)
                {
                    neOpen = 0;
                    negRemaining = SentimentRules.NegationScope;
                    negatedHere = false;
                }
                else if ((role & WordRole.Negator) != 0)
                {
                    if ((role & WordRole.PostVerbal) != 0 && items.Count > 0 && items[^1].Token == PreviousWord(tokens, i, sentence.FirstToken) && !scratch.Negated[items[^1].Token])
                    {
                        // Colloquial "j'aime pas", "j'haïs pas ça": negate the verb just before.
                        var last = items[^1];
                        items[^1] = (last.Token, last.Valence * SentimentRules.NegationScalar);
                        scratch.Negated[last.Token] = true;
                    }

                    negRemaining = SentimentRules.NegationScope + 1;
                    negatedHere = false;
                }

                if ((role & (WordRole.Intensifier | WordRole.Diminisher)) != 0)
                {
                    var nextValence = NextWordValence(folded, tokens, i + span, end, lexicon);
                    if (nextValence != 0)
                    {
                        valence = 0;
                    }

                    boost = (role & WordRole.Intensifier) != 0 ? SentimentRules.IntensifierFactor : SentimentRules.DiminisherFactor;
                    boostTtl = 2;
                }
                else if (valence != 0 && boostTtl > 0)
                {
                    valence *= boost;
                    boostTtl = 0;
                }

                if (valence != 0)
                {
                    if (negatedHere)
                    {
                        valence *= SentimentRules.NegationScalar;
                    }

                    if (t.IsShouting && !allCaps)
                    {
                        valence *= SentimentRules.ShoutingFactor;
                    }

                    if (concession)
                    {
                        valence *= SentimentRules.ConcessionFactor;
                    }

                    if (afterContrast)
                    {
                        valence *= SentimentRules.AfterContrastFactor;
                    }

                    if (sarcasm && valence > 0 && t.Kind == TokenKind.Word)
                    {
                        valence *= -0.6f;
                    }

                    items.Add((i + span - 1, valence));
                }

                for (var k = 0; k < span; k++)
                {
                    scratch.Negated[i + k] = negatedHere;
                }

                if (neOpen > 0 && (role & WordRole.NegationOpener) == 0)
                {
                    neOpen--;
                }

                if (negRemaining > 0)
                {
                    negRemaining--;
                }

                if (boostTtl > 0 && (role & (WordRole.Intensifier | WordRole.Diminisher)) == 0)
                {
                    boostTtl--;
                }

                wordIndexInSentence++;
                i += span;
            }

            float positive = 0, negative = 0;
            foreach (var (_, v) in items)
            {
                if (v > 0)
                {
                    positive += v;
                }
                else
                {
                    negative -= v;
                }
            }

            var exclamations = ExclamationCount(folded, tokens, sentence);
            if (exclamations > 0 && positive + negative > 0)
            {
                var amplifier = 0.3f * Math.Min(exclamations, 3);
                if (positive >= negative)
                {
                    positive += amplifier;
                }
                else
                {
                    negative += amplifier;
                }
            }

            if (startsWithContrast)
            {
                docPositive *= SentimentRules.BeforeContrastFactor;
                docNegative *= SentimentRules.BeforeContrastFactor;
            }

            docPositive += positive;
            docNegative += negative;
            scratch.RawPositive += positive;
            scratch.RawNegative += negative;
            scratch.Sentences.Add((positive, negative));
        }

        scratch.DocumentPositive = docPositive;
        scratch.DocumentNegative = docNegative;
    }

    private static bool TryKey(ReadOnlySpan<char> folded, List<Token> tokens, int first, int count, int end, Span<char> key, out int length)
    {
        length = 0;
        if (first + count > end)
        {
            return false;
        }

        for (var k = 0; k < count; k++)
        {
            var t = tokens[first + k];
            if (t.Kind is not (TokenKind.Word or TokenKind.Number or TokenKind.Emoji))
            {
                return false;
            }

            if (length + t.Length + 1 > key.Length)
            {
                return false;
            }

            if (k > 0)
            {
                key[length++] = ' ';
            }

            folded.Slice(t.Start, t.Length).CopyTo(key[length..]);
            length += t.Length;
        }

        return true;
    }

    private static int PreviousWord(List<Token> tokens, int i, int sentenceStart)
    {
        for (var k = i - 1; k >= sentenceStart; k--)
        {
            if (tokens[k].Kind is TokenKind.Word or TokenKind.Emoji)
            {
                return k;
            }

            if (tokens[k].Kind is TokenKind.ClauseBreak or TokenKind.SentenceBreak)
            {
                return -1;
            }
        }

        return -1;
    }

    private static float NextWordValence(ReadOnlySpan<char> folded, List<Token> tokens, int from, int end, SentimentLexicon lexicon)
    {
        for (var k = from; k < end && k < from + 2; k++)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word)
            {
                return 0;
            }

            var v = lexicon.Word(folded.Slice(t.Start, t.Length));
            if (v != 0)
            {
                return v;
            }
        }

        return 0;
    }

    private static int ExclamationCount(ReadOnlySpan<char> folded, List<Token> tokens, SentenceSpan sentence)
    {
        var count = 0;
        for (var k = sentence.FirstToken; k < sentence.FirstToken + sentence.TokenCount; k++)
        {
            var t = tokens[k];
            if (t.Kind == TokenKind.SentenceBreak && t.BreakChar == '!')
            {
                count += folded.Slice(t.Start, t.Length).Count('!');
            }
        }

        return count;
    }

    private static bool IsAllCaps(List<Token> tokens)
    {
        var words = 0;
        var shouting = 0;
        foreach (var t in tokens)
        {
            if (t.Kind == TokenKind.Word && t.Length > 1)
            {
                words++;
                if (t.IsShouting)
                {
                    shouting++;
                }
            }
        }

        return words > 0 && shouting * 2 > words;
    }

    private static bool HasSarcasm(ReadOnlySpan<char> folded, List<Token> tokens, FrozenDictionary<string, WordRole>.AlternateLookup<ReadOnlySpan<char>> roles)
    {
        foreach (var t in tokens)
        {
            if (t.Kind == TokenKind.Emoji && roles.TryGetValue(folded.Slice(t.Start, t.Length), out var role) && (role & WordRole.Sarcasm) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
