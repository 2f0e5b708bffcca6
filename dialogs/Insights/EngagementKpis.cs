namespace EngagementBot.Dialogs.Insights;

/// <summary>A share with its numerator and denominator; <see cref="Rate"/> is null when nothing could be counted.</summary>
/// <param name="Count">How many met the condition.</param>
/// <param name="Of">How many were counted.</param>
public sealed record Ratio(int Count, int Of)
{
    /// <summary>Count / Of, or <see langword="null"/> when <see cref="Of"/> is 0.</summary>
    public double? Rate => Of == 0 ? null : (double)Count / Of;
}

/// <summary>Engagement KPIs of a scope (definitions in docs/insights.md).</summary>
/// <param name="Participants">Distinct people who started a response in the period (imported feedback excluded).</param>
/// <param name="Completion">Submitted / started responses (imported feedback excluded).</param>
/// <param name="MedianCompletionTime">Median of submitted − started over submitted responses.</param>
/// <param name="OptIn">Participants subscribed to updates of the project / participants.</param>
/// <param name="AnsweredWithinTarget">Citizen questions answered within the target / questions that can be judged.</param>
/// <param name="AnswerTarget">The target.</param>
/// <param name="ReturnAfterUpdate">Update deliveries after which the recipient was active within the window / deliveries judged.</param>
/// <param name="ReturnWindow">The window.</param>
/// <param name="Indicators">The five relationship indicators.</param>
public sealed record EngagementKpis(
    int Participants,
    Ratio Completion,
    TimeSpan? MedianCompletionTime,
    Ratio OptIn,
    Ratio AnsweredWithinTarget,
    TimeSpan AnswerTarget,
    Ratio ReturnAfterUpdate,
    TimeSpan ReturnWindow,
    RelationshipIndicators Indicators);

/// <summary>The five relationship indicators, each 0–1 or <see langword="null"/> when there is no data (see docs/insights.md).</summary>
public sealed record RelationshipIndicators(double? Reliability, double? Transparency, double? Involvement, double? Investment, double? Commitment);
