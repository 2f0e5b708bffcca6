namespace EngagementBot.Analytics.Model;

/// <summary>Key phrases of a document, most salient first.</summary>
/// <param name="Id">The document id.</param>
/// <param name="KeyPhrases">Phrases as written in the document (lower-cased).</param>
public sealed record KeyPhraseResult(string Id, IReadOnlyList<string> KeyPhrases);

/// <summary>A key phrase with the number of documents in which it occurs.</summary>
/// <param name="Phrase">The phrase.</param>
/// <param name="Count">Number of documents.</param>
public sealed record KeyPhraseCount(string Phrase, int Count);
