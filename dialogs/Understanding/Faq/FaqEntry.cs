namespace EngagementBot.Dialogs.Understanding.Faq;

/// <summary>One question-and-answer pair of a project's FAQ, in French and English.</summary>
/// <param name="Id">The entry's identifier (stable, used to log and link the answer).</param>
/// <param name="QuestionFr">The question in French.</param>
/// <param name="QuestionEn">The question in English.</param>
/// <param name="AnswerFr">The answer in French.</param>
/// <param name="AnswerEn">The answer in English.</param>
public sealed record FaqEntry(string Id, string QuestionFr, string QuestionEn, string AnswerFr, string AnswerEn);

/// <summary>The FAQ entry that best answers a question, with how sure the index is.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Confidence">
/// Between 0 and 1: the share of the question's informative words (weighted by rarity) that the entry
/// contains, lowered when another entry is nearly as good.
/// </param>
/// <param name="Score">The raw BM25 score (for diagnostics).</param>
public sealed record FaqMatch(FaqEntry Entry, double Confidence, double Score);
