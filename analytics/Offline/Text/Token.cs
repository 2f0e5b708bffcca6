namespace EngagementBot.Analytics.Offline.Text;

/// <summary>Kinds of tokens produced by <see cref="Tokenizer"/>.</summary>
internal enum TokenKind : byte
{
    Word,
    Number,
    Emoji,
    ClauseBreak,
    SentenceBreak,
    Symbol,
}

/// <summary>A token: a span of the document (same offsets in original and folded text).</summary>
internal struct Token
{
    public int Start;
    public int Length;
    public TokenKind Kind;

    /// <summary>Word written in capitals (at least two letters), e.g. "SO".</summary>
    public bool IsShouting;

    /// <summary>Starts with an upper-case letter in the original text.</summary>
    public bool IsCapitalized;

    /// <summary>Token overlaps a PII span (ignored by key phrases, themes and summaries).</summary>
    public bool IsPii;

    /// <summary>Sentence index (0-based) the token belongs to.</summary>
    public int Sentence;

    /// <summary>For a sentence break: '!' / '?' / '.' as written.</summary>
    public char BreakChar;

    public readonly int End => Start + Length;
}

/// <summary>A sentence: the token range and the character range in the document.</summary>
internal readonly record struct SentenceSpan(int FirstToken, int TokenCount, int Start, int Length);
