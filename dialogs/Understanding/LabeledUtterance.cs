namespace EngagementBot.Dialogs.Understanding;

/// <summary>A message with its expected intent: a line of a training or evaluation set.</summary>
/// <param name="Text">What the citizen typed.</param>
/// <param name="Lang">"fr" or "en" (informational; the recognizer does not need it).</param>
/// <param name="Intent">The expected intent, one of <see cref="Intents.All"/>.</param>
public sealed record LabeledUtterance(string Text, string Lang, string Intent);
