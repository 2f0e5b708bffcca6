namespace EngagementBot.Dialogs.Understanding;

/// <summary>One intent with the recognizer's confidence in it (a probability between 0 and 1).</summary>
/// <param name="Intent">One of <see cref="Intents.All"/>.</param>
/// <param name="Score">The model's probability for that intent.</param>
public readonly record struct IntentScore(string Intent, double Score);

/// <summary>What a message means: the chosen intent, its score and the runners-up.</summary>
/// <param name="Intent">The chosen intent (one of <see cref="Intents.All"/>); <see cref="Intents.Other"/> when unsure.</param>
/// <param name="Score">The model's probability for the best intent (kept even when it fell back to <c>other</c>).</param>
/// <param name="Alternatives">The next best intents, best first (excluding the chosen one).</param>
public sealed record IntentResult(string Intent, double Score, IReadOnlyList<IntentScore> Alternatives);
