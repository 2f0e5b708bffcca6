namespace EngagementBot.Analytics.Model;

/// <summary>One document to analyse: a response id, its text and an optional language hint (fr/en).</summary>
/// <param name="Id">Unique, non-empty id (e.g. the response id); results refer to it.</param>
/// <param name="Text">The text as written by the person.</param>
/// <param name="LanguageHint">"fr" or "en" when known; used when detection is not confident.</param>
public sealed record TextDocument(string Id, string Text, string? LanguageHint = null);
