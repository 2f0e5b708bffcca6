using EngagementBot.Dialogs.Understanding.Text;

namespace EngagementBot.Dialogs.Understanding.Model;

/// <summary>
/// A multinomial logistic regression over hashed features: one weight per (feature, intent) stored in a
/// flat array, a bias per intent, features L2-normalised per message. Scoring is a sparse dot product and
/// a softmax; it allocates nothing.
/// </summary>
internal sealed class LinearIntentModel
{
    private readonly Dictionary<ulong, int> _featureIndex;
    private readonly float[] _weights;
    private readonly float[] _bias;

    /// <summary>Creates a model from trained parameters.</summary>
    public LinearIntentModel(IReadOnlyList<string> classes, Dictionary<ulong, int> featureIndex, float[] weights, float[] bias)
    {
        Classes = classes;
        _featureIndex = featureIndex;
        _weights = weights;
        _bias = bias;
    }

    /// <summary>The intents, in the order of the score vectors.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>How many distinct features the model knows.</summary>
    public int FeatureCount => _featureIndex.Count;

    /// <summary>
    /// Writes the probability of each intent to <paramref name="probabilities"/> (length <see cref="Classes"/>)
    /// and returns how many of the message's features the model knew (0: the message says nothing it knows).
    /// </summary>
    public int Predict(TokenBuffer tokens, float[] probabilities)
    {
        var sink = new ScoringSink(_featureIndex, _weights, probabilities, Classes.Count);
        Array.Clear(probabilities);
        FeatureExtractor.Extract(tokens, ref sink);

        var scale = sink.SquaredNorm > 0 ? 1f / MathF.Sqrt(sink.SquaredNorm) : 0f;
        var max = float.NegativeInfinity;
        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = (probabilities[c] * scale) + _bias[c];
            max = MathF.Max(max, probabilities[c]);
        }

        var sum = 0f;
        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = MathF.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] /= sum;
        }

        return sink.KnownFeatures;
    }

    private struct ScoringSink(Dictionary<ulong, int> index, float[] weights, float[] scores, int classes) : IFeatureSink
    {
        private readonly Dictionary<ulong, int> _index = index;
        private readonly float[] _weights = weights;
        private readonly float[] _scores = scores;
        private readonly int _classes = classes;

        public float SquaredNorm { get; private set; }

        public int KnownFeatures { get; private set; }

        public void Add(ulong feature, float value)
        {
            SquaredNorm += value * value;
            if (!_index.TryGetValue(feature, out var row))
            {
                return;
            }

            KnownFeatures++;
            var offset = row * _classes;
            for (var c = 0; c < _classes; c++)
            {
                _scores[c] += _weights[offset + c] * value;
            }
        }
    }
}
