namespace EngagementBot.Dialogs.Runtime;

/// <summary>One message the dialog wants sent; the host renders it for its channel.</summary>
public abstract record DialogReply;

/// <summary>A plain (markdown) text message.</summary>
/// <param name="Text">The text.</param>
public sealed record TextReply(string Text) : DialogReply;

/// <summary>The kind of answer a prompt expects, which decides how it can be rendered.</summary>
public enum PromptKind
{
    /// <summary>One option.</summary>
    Choice,

    /// <summary>Several options between a minimum and a maximum.</summary>
    MultiChoice,

    /// <summary>A point on a scale.</summary>
    Rating,

    /// <summary>Yes or no.</summary>
    YesNo,

    /// <summary>Options in order (typed).</summary>
    Ranking,

    /// <summary>Free typed input (number, text, date).</summary>
    Free,
}

/// <summary>An option of a prompt.</summary>
/// <param name="Value">What is sent back when it is picked (option id, scale point, yes/no).</param>
/// <param name="Label">What the user sees.</param>
public sealed record PromptChoice(string Value, string Label);

/// <summary>
/// A question put to the user: the card model the host renders as an Adaptive Card, suggested actions or
/// numbered text. Typed answers always work.
/// </summary>
public sealed record PromptReply : DialogReply
{
    /// <summary>The question (markdown).</summary>
    public required string Text { get; init; }

    /// <summary>How it is answered.</summary>
    public required PromptKind Kind { get; init; }

    /// <summary>The options, in order (empty for free input).</summary>
    public IReadOnlyList<PromptChoice> Choices { get; init; } = [];

    /// <summary>Fewest selections (multi-choice).</summary>
    public int MinSelections { get; init; } = 1;

    /// <summary>Most selections (multi-choice).</summary>
    public int MaxSelections { get; init; } = 1;

    /// <summary>The same prompt as numbered plain text, with how to answer (for text-only channels and card fallback).</summary>
    public required string TextFallback { get; init; }

    /// <summary>Label of the submit button of a multi-choice card.</summary>
    public required string SubmitLabel { get; init; }
}

/// <summary>A JSON document to attach (e.g. a data export).</summary>
/// <param name="FileName">File name shown to the user.</param>
/// <param name="Json">The document.</param>
public sealed record FileReply(string FileName, string Json) : DialogReply;

/// <summary>
/// A ready-made Adaptive Card (version 1.5 at most; validated in tests with adaptivecards@3.0.6) for reports,
/// timelines and previews. Channels without cards get <see cref="TextFallback"/>.
/// </summary>
/// <param name="CardJson">The card (an <c>AdaptiveCard</c> JSON object).</param>
/// <param name="TextFallback">The same content as markdown text.</param>
public sealed record CardReply(string CardJson, string TextFallback) : DialogReply;

/// <summary>The outcome of a turn: replies in order and the language of the conversation after the turn.</summary>
/// <param name="Replies">The replies to send.</param>
/// <param name="Language">The language now in use (a switch may have changed it).</param>
public sealed record DialogTurnResult(IReadOnlyList<DialogReply> Replies, string Language);
