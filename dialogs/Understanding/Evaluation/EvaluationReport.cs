using System.Globalization;
using System.Text;

namespace EngagementBot.Dialogs.Understanding.Evaluation;

/// <summary>Accuracy of one intent in an evaluation.</summary>
/// <param name="Intent">The expected intent.</param>
/// <param name="Total">How many inputs expected it.</param>
/// <param name="Correct">How many of those were recognised as it.</param>
public sealed record IntentAccuracy(string Intent, int Total, int Correct)
{
    /// <summary>Correct / Total (0 when there was no input for this intent).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>The outcome of <see cref="IntentEvaluation.EvaluateAsync"/>: overall and per-intent accuracy, and the confusion table.</summary>
public sealed class EvaluationReport
{
    private readonly int[,] _confusion;

    internal EvaluationReport(IReadOnlyList<string> intents, int[,] confusion)
    {
        Intents = intents;
        _confusion = confusion;
        var perIntent = new List<IntentAccuracy>(intents.Count);
        for (var expected = 0; expected < intents.Count; expected++)
        {
            var total = 0;
            for (var predicted = 0; predicted < intents.Count; predicted++)
            {
                total += confusion[expected, predicted];
            }

            Total += total;
            Correct += confusion[expected, expected];
            perIntent.Add(new IntentAccuracy(intents[expected], total, confusion[expected, expected]));
        }

        PerIntent = perIntent;
    }

    /// <summary>The intents, in the order of the confusion table's rows and columns.</summary>
    public IReadOnlyList<string> Intents { get; }

    /// <summary>How many inputs were evaluated.</summary>
    public int Total { get; }

    /// <summary>How many were recognised as their expected intent.</summary>
    public int Correct { get; }

    /// <summary>Correct / Total.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Accuracy per expected intent, in the order of <see cref="Intents"/>.</summary>
    public IReadOnlyList<IntentAccuracy> PerIntent { get; }

    /// <summary>How many inputs expecting <paramref name="expected"/> were recognised as <paramref name="predicted"/>.</summary>
    public int Count(string expected, string predicted) => _confusion[IndexOf(expected), IndexOf(predicted)];

    /// <summary>The report as text: overall accuracy, a per-intent table, the confusion table and the most frequent confusions.</summary>
    public string Format()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Overall accuracy: {Accuracy:P1} ({Correct}/{Total})");
        text.AppendLine();

        var nameWidth = Math.Max("intent".Length, Intents.Max(i => i.Length));
        text.AppendLine(culture, $"{"intent".PadRight(nameWidth)}  accuracy  correct/total");
        foreach (var row in PerIntent.Where(r => r.Total > 0))
        {
            text.AppendLine(culture, $"{row.Intent.PadRight(nameWidth)}  {row.Accuracy,8:P1}  {row.Correct,7}/{row.Total}");
        }

        text.AppendLine();
        text.AppendLine("Confusion (rows: expected, columns: predicted; numbered as the rows):");
        text.Append(' ', nameWidth + 4);
        for (var c = 0; c < Intents.Count; c++)
        {
            text.Append(culture, $"{c + 1,4}");
        }

        text.AppendLine();
        for (var r = 0; r < Intents.Count; r++)
        {
            text.Append(culture, $"{r + 1,2}. {Intents[r].PadRight(nameWidth)}");
            for (var c = 0; c < Intents.Count; c++)
            {
                var n = _confusion[r, c];
                text.Append(n == 0 ? "   ." : n.ToString(culture).PadLeft(4));
            }

            text.AppendLine();
        }

        var confusions = new List<(string Expected, string Predicted, int Count)>();
        for (var r = 0; r < Intents.Count; r++)
        {
            for (var c = 0; c < Intents.Count; c++)
            {
                if (r != c && _confusion[r, c] > 0)
                {
                    confusions.Add((Intents[r], Intents[c], _confusion[r, c]));
                }
            }
        }

        if (confusions.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Most frequent confusions (expected -> predicted):");
            foreach (var (expected, predicted, count) in confusions.OrderByDescending(c => c.Count).ThenBy(c => c.Expected, StringComparer.Ordinal).Take(10))
            {
                text.AppendLine(culture, $"  {expected} -> {predicted}: {count}");
            }
        }

        return text.ToString();
    }

    private int IndexOf(string intent)
    {
        for (var i = 0; i < Intents.Count; i++)
        {
            if (string.Equals(Intents[i], intent, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown intent \"{intent}\".", nameof(intent));
    }
}
