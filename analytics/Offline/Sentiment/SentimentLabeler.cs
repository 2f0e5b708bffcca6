using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Offline.Sentiment;

/// <summary>
/// Turns positive/negative evidence (and, for English, the model's P(positive)) into a label and
/// confidence scores that sum to 1.
/// </summary>
internal static class SentimentLabeler
{
    private const float MixedMinimum = 1.0f;
    private const float MixedBalance = 0.6f;
    /// <summary>Weight of the English model against the rules, chosen on the UCI validation slice and the civic dev lines (never the held-out part).</summary>
    private const float ModelWeight = 0.6f;

    public static (SentimentLabel Label, SentimentScores Scores) Label(float positive, float negative, float? modelProbability) =>
        Label(positive, negative, modelProbability, positive, negative);

    /// <summary>As above; "mixed" is judged on <paramref name="rawPositive"/>/<paramref name="rawNegative"/> (before contrast weighting between sentences).</summary>
    public static (SentimentLabel Label, SentimentScores Scores) Label(float positive, float negative, float? modelProbability, float rawPositive, float rawNegative)
    {
        var total = positive + negative;
        var neutral = MathF.Exp(-total / 1.6f);
        float leanPositive;
        if (modelProbability is { } p)
        {
            // The model sees words the lexicons miss: let its confidence reduce neutrality.
            neutral *= 1f - MathF.Min(1f, MathF.Abs(p - 0.5f) * 1.6f);
            var ruleLean = total > 0 ? positive / total : 0.45f;
            leanPositive = (ModelWeight * p) + ((1f - ModelWeight) * ruleLean);
        }
        else
        {
            // Ties lean slightly negative: unsolicited feedback without opinion words is mostly a complaint.
            leanPositive = total > 0 ? positive / total : 0.45f;
        }

        var rest = 1f - neutral;
        var scores = new SentimentScores(Round(rest * leanPositive), Round(neutral), Round(rest * (1f - leanPositive)));
        var smaller = MathF.Min(rawPositive, rawNegative);
        var larger = MathF.Max(rawPositive, rawNegative);
        SentimentLabel label;
        if (smaller >= MixedMinimum && smaller >= MixedBalance * larger)
        {
            label = SentimentLabel.Mixed;
        }
        else if (scores.Neutral >= Math.Max(scores.Positive, scores.Negative))
        {
            label = SentimentLabel.Neutral;
        }
        else
        {
            label = scores.Positive > scores.Negative ? SentimentLabel.Positive : SentimentLabel.Negative;
        }

        return (label, scores);
    }

    private static double Round(float value) => Math.Round(value, 4);
}
