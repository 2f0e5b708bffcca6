using System.Globalization;
using EngagementBot.Analytics.Offline.Lexicons;

namespace EngagementBot.Analytics.Offline.Sentiment;

/// <summary>
/// Logistic regression over <see cref="SentimentFeatures"/>, trained offline on the UCI labelled
/// sentences (analytics/tools, <c>model-en.tsv</c>). Returns P(positive).
/// </summary>
internal sealed class EnglishSentimentModel
{
    private static readonly Lazy<EnglishSentimentModel?> LazyDefault = new(Load);
    private readonly float[] _weights;

    public EnglishSentimentModel(float[] weights)
    {
        if (weights.Length != SentimentFeatures.Size)
        {
            throw new ArgumentException($"Expected {SentimentFeatures.Size} weights.", nameof(weights));
        }

        _weights = weights;
    }

    /// <summary>The embedded model, or null when the resource holds no weights.</summary>
    public static EnglishSentimentModel? Default => LazyDefault.Value;

    public float[] Weights => _weights;

    public float Probability(List<(int Index, float Value)> features)
    {
        var z = 0f;
        foreach (var (index, value) in features)
        {
            z += _weights[index] * value;
        }

        return 1f / (1f + MathF.Exp(-z));
    }

    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    public static void Write(float[] weights, TextWriter writer, string header)
    {
        writer.WriteLine("# " + header);
        for (var i = 0; i < weights.Length; i++)
        {
            if (MathF.Abs(weights[i]) >= 1e-4f)
            {
                writer.Write(i.ToString(CultureInfo.InvariantCulture));
                writer.Write('\t');
                writer.WriteLine(weights[i].ToString("G6", CultureInfo.InvariantCulture));
            }
        }
    }

    private static EnglishSentimentModel? Load()
    {
        var weights = new float[SentimentFeatures.Size];
        var any = false;
        foreach (var row in ResourceFiles.ReadRows("model-en.tsv"))
        {
            weights[int.Parse(row[0], CultureInfo.InvariantCulture)] = float.Parse(row[1], CultureInfo.InvariantCulture);
            any = true;
        }

        return any ? new EnglishSentimentModel(weights) : null;
    }
}
