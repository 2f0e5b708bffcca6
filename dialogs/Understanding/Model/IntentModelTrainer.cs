using EngagementBot.Dialogs.Understanding.Text;

namespace EngagementBot.Dialogs.Understanding.Model;

/// <summary>
/// Trains a <see cref="LinearIntentModel"/> by stochastic gradient descent on the softmax loss with L2
/// regularisation. Deterministic: a fixed seed orders the examples, so the same training set always gives
/// the same model. A few hundred examples train in well under a second.
/// </summary>
internal static class IntentModelTrainer
{
    private const int Seed = 20_261_122;

    private const int Epochs = 40;

    private const float LearningRate = 0.6f;

    private const float LearningRateDecay = 0.08f;

    private const float L2 = 2e-5f;

    /// <summary>Trains on <paramref name="examples"/>, already normalised, over <paramref name="classes"/>.</summary>
    public static LinearIntentModel Train(IReadOnlyList<(TokenBuffer Tokens, int Label)> examples, IReadOnlyList<string> classes)
    {
        var classCount = classes.Count;
        var featureIndex = new Dictionary<ulong, int>();
        var rows = new (int[] Features, float[] Values, int Label)[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var sink = new CollectingSink(featureIndex);
            FeatureExtractor.Extract(examples[i].Tokens, ref sink);
            rows[i] = sink.ToRow(examples[i].Label);
        }

        var weights = new float[featureIndex.Count * classCount];
        var bias = new float[classCount];
        var scores = new float[classCount];
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new Random(Seed);

        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1f + (LearningRateDecay * epoch));
            foreach (var index in order)
            {
                var (features, values, label) = rows[index];
                Forward(features, values, weights, bias, scores);
                for (var c = 0; c < classCount; c++)
                {
                    var gradient = scores[c] - (c == label ? 1f : 0f);
                    bias[c] -= rate * gradient;
                    for (var f = 0; f < features.Length; f++)
                    {
                        ref var w = ref weights[(features[f] * classCount) + c];
                        w -= rate * ((gradient * values[f]) + (L2 * w));
                    }
                }
            }
        }

        return new LinearIntentModel(classes, featureIndex, weights, bias);
    }

    private static void Forward(int[] features, float[] values, float[] weights, float[] bias, float[] scores)
    {
        var classCount = bias.Length;
        var max = float.NegativeInfinity;
        for (var c = 0; c < classCount; c++)
        {
            var z = bias[c];
            for (var f = 0; f < features.Length; f++)
            {
                z += weights[(features[f] * classCount) + c] * values[f];
            }

            scores[c] = z;
            max = MathF.Max(max, z);
        }

        var sum = 0f;
        for (var c = 0; c < classCount; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < classCount; c++)
        {
            scores[c] /= sum;
        }
    }

    private struct CollectingSink(Dictionary<ulong, int> featureIndex) : IFeatureSink
    {
        private readonly List<int> _features = [];
        private readonly List<float> _values = [];
        private float _squaredNorm;

        public void Add(ulong feature, float value)
        {
            if (!featureIndex.TryGetValue(feature, out var index))
            {
                index = featureIndex.Count;
                featureIndex.Add(feature, index);
            }

            _features.Add(index);
            _values.Add(value);
            _squaredNorm += value * value;
        }

        public readonly (int[] Features, float[] Values, int Label) ToRow(int label)
        {
            var scale = _squaredNorm > 0 ? 1f / MathF.Sqrt(_squaredNorm) : 0f;
            var values = new float[_values.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = _values[i] * scale;
            }

            return ([.. _features], values, label);
        }
    }
}
