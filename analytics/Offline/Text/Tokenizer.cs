using System.Text;

namespace EngagementBot.Analytics.Offline.Text;

/// <summary>
/// Single-pass tokenizer over the folded text: words (French elisions split: l', d', j', n', qu'…),
/// numbers, emojis and emoticons, clause and sentence breaks. Also delimits sentences.
/// </summary>
internal static class Tokenizer
{
    public static void Tokenize(ReadOnlySpan<char> original, ReadOnlySpan<char> folded, List<Token> tokens, List<SentenceSpan> sentences)
    {
        tokens.Clear();
        sentences.Clear();
        var sentence = 0;
        var sentenceFirstToken = 0;
        var sentenceStart = -1;
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n' && sentenceStart >= 0 && tokens.Count > sentenceFirstToken)
                {
                    CloseSentence(original, tokens, sentences, ref sentence, ref sentenceFirstToken, ref sentenceStart, i);
                }

                i++;
                continue;
            }

            if (sentenceStart < 0)
            {
                sentenceStart = i;
            }

            var start = i;
            if (char.IsLetter(c))
            {
                i = ScanWord(folded, i);
                AddWord(original, tokens, start, i, sentence);
                continue;
            }

            if (char.IsDigit(c))
            {
                while (i < folded.Length && (char.IsLetterOrDigit(folded[i]) || ((folded[i] == ',' || folded[i] == '.') && i + 1 < folded.Length && char.IsDigit(folded[i + 1]))))
                {
                    i++;
                }

                tokens.Add(new Token { Start = start, Length = i - start, Kind = TokenKind.Number, Sentence = sentence });
                continue;
            }

            var emoticon = Emoticons.Match(folded[i..]);
            if (emoticon > 0)
            {
                i += emoticon;
                tokens.Add(new Token { Start = start, Length = i - start, Kind = TokenKind.Emoji, Sentence = sentence });
                continue;
            }

            if (c is '.' or '!' or '?' or '\u2026')
            {
                while (i < folded.Length && folded[i] is '.' or '!' or '?' or '\u2026')
                {
                    i++;
                }

                var breakChar = folded[start..i].Contains('!') ? '!' : folded[start..i].Contains('?') ? '?' : '.';
                var isBreak = i >= folded.Length || char.IsWhiteSpace(folded[i]) || folded[i] is '"' or ')' or '\u00BB' || c != '.' || i - start > 1;
                tokens.Add(new Token { Start = start, Length = i - start, Kind = isBreak ? TokenKind.SentenceBreak : TokenKind.Symbol, Sentence = sentence, BreakChar = breakChar });
                if (isBreak && !IsAbbreviation(folded, tokens))
                {
                    CloseSentence(original, tokens, sentences, ref sentence, ref sentenceFirstToken, ref sentenceStart, i);
                }

                continue;
            }

            if (c is ',' or ';' or ':' or '(' or ')' or '-' or '"' or '\u00AB' or '\u00BB' or '/')
            {
                i++;
                tokens.Add(new Token { Start = start, Length = 1, Kind = TokenKind.ClauseBreak, Sentence = sentence });
                continue;
            }

            if (Rune.DecodeFromUtf16(original[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done && IsEmojiRune(rune))
            {
                i += consumed;
                while (i < original.Length && IsEmojiModifier(original, i, out var extra))
                {
                    i += extra;
                }

                tokens.Add(new Token { Start = start, Length = i - start, Kind = TokenKind.Emoji, Sentence = sentence });
                continue;
            }

            i += Math.Max(consumed, 1);
            tokens.Add(new Token { Start = start, Length = i - start, Kind = TokenKind.Symbol, Sentence = sentence });
        }

        if (sentenceStart >= 0 && tokens.Count > sentenceFirstToken)
        {
            CloseSentence(original, tokens, sentences, ref sentence, ref sentenceFirstToken, ref sentenceStart, folded.Length);
        }
    }

    private static int ScanWord(ReadOnlySpan<char> folded, int i)
    {
        var start = i;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            if ((c == '\'' || c == '-') && i + 1 < folded.Length && char.IsLetter(folded[i + 1]))
            {
                if (c == '\'' && IsElision(folded[start..i]))
                {
                    return i + 1;
                }

                i++;
                continue;
            }

            break;
        }

        return i;
    }

    private static void AddWord(ReadOnlySpan<char> original, List<Token> tokens, int start, int end, int sentence)
    {
        var upper = 0;
        var letters = 0;
        for (var k = start; k < end; k++)
        {
            if (char.IsLetter(original[k]))
            {
                letters++;
                if (char.IsUpper(original[k]))
                {
                    upper++;
                }
            }
        }

        tokens.Add(new Token
        {
            Start = start,
            Length = end - start,
            Kind = TokenKind.Word,
            Sentence = sentence,
            IsCapitalized = char.IsUpper(original[start]),
            IsShouting = letters >= 2 && upper == letters,
        });
    }

    private static bool IsElision(ReadOnlySpan<char> prefix) =>
        prefix is "l" or "d" or "j" or "n" or "m" or "t" or "s" or "c" or "qu" or "jusqu" or "lorsqu" or "puisqu" or "quoiqu";

    private static bool IsAbbreviation(ReadOnlySpan<char> folded, List<Token> tokens)
    {
        if (tokens.Count < 2 || tokens[^1].Length != 1 || tokens[^2].Kind != TokenKind.Word || tokens[^2].End != tokens[^1].Start)
        {
            return false;
        }

        var w = folded.Slice(tokens[^2].Start, tokens[^2].Length);
        return w is "m" or "mme" or "mr" or "mrs" or "ms" or "dr" or "st" or "ste" or "ave" or "av" or "boul" or "bd" or "ch" or "no" or "vs" or "etc" or "p" or "c";
    }

    private static void CloseSentence(ReadOnlySpan<char> original, List<Token> tokens, List<SentenceSpan> sentences, ref int sentence, ref int firstToken, ref int sentenceStart, int end)
    {
        var length = end - sentenceStart;
        while (length > 0 && char.IsWhiteSpace(original[sentenceStart + length - 1]))
        {
            length--;
        }

        sentences.Add(new SentenceSpan(firstToken, tokens.Count - firstToken, sentenceStart, length));
        sentence++;
        firstToken = tokens.Count;
        sentenceStart = -1;
    }

    private static bool IsEmojiRune(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x1F300 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF or >= 0x1F000 and <= 0x1F2FF or 0x2B50 or 0x2764 or 0x203C or 0x2049;
    }

    private static bool IsEmojiModifier(ReadOnlySpan<char> original, int i, out int length)
    {
        length = 1;
        var c = original[i];
        if (c is '\uFE0F' or '\uFE0E')
        {
            return true;
        }

        if (c == '\u200D' && i + 1 < original.Length && Rune.DecodeFromUtf16(original[(i + 1)..], out var next, out var consumed) == System.Buffers.OperationStatus.Done && IsEmojiRune(next))
        {
            length = 1 + consumed;
            return true;
        }

        if (Rune.DecodeFromUtf16(original[i..], out var r, out var n) == System.Buffers.OperationStatus.Done && r.Value is >= 0x1F3FB and <= 0x1F3FF)
        {
            length = n;
            return true;
        }

        return false;
    }
}

/// <summary>Text emoticons recognised as emoji tokens.</summary>
internal static class Emoticons
{
    private static readonly string[] All = [":-)", ":)", ":-(", ":(", ";-)", ";)", ":-d", ":d", ":-p", ":p", ":'(", ":/", ":-/", "<3", "^^", ":o", ":-o", ":|"];

    /// <summary>Length of the emoticon at the start of the span, or 0.</summary>
    public static int Match(ReadOnlySpan<char> folded)
    {
        if (folded.Length < 2 || folded[0] is not (':' or ';' or '<' or '^'))
        {
            return 0;
        }

        foreach (var e in All)
        {
            if (folded.StartsWith(e, StringComparison.Ordinal) && (folded.Length == e.Length || !char.IsLetterOrDigit(folded[e.Length])))
            {
                return e.Length;
            }
        }

        return 0;
    }
}
