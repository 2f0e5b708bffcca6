using EngagementBot.Dialogs.Understanding.Model;
using EngagementBot.Dialogs.Understanding.Text;

namespace EngagementBot.Dialogs.Understanding;

/// <summary>
/// The FR/EN intent recognizer: normalises the message (<see cref="TextNormalizer"/>), corrects typos
/// against the training vocabulary, scores it with a linear model trained in-process on the in-repo
/// training set, and falls back to <see cref="Intents.Other"/> when the best probability is below
/// <see cref="MinConfidence"/> or the message contains nothing the model knows. Thread-safe; recognising
/// a message allocates only the result.
/// </summary>
public sealed class IntentRecognizer : IIntentRecognizer
{
    /// <summary>The default <see cref="MinConfidence"/>.</summary>
    public const double DefaultMinConfidence = 0.25;

    private const int AlternativeCount = 3;
    private const string TrainingResource = "EngagementBot.Dialogs.Understanding.Training.intents.train.jsonl";

    [ThreadStatic]
    private static TokenBuffer? _threadTokens;

    [ThreadStatic]
    private static float[]? _threadProbabilities;

    private readonly LinearIntentModel _model;
    private readonly SpellingCorrector _corrector;
    private readonly int _otherIndex;

    private IntentRecognizer(LinearIntentModel model, SpellingCorrector corrector, double minConfidence)
    {
        _model = model;
        _corrector = corrector;
        MinConfidence = minConfidence;
        _otherIndex = IndexOf(model.Classes, Intents.Other);
    }

    /// <summary>Below this probability the best intent is not trusted and the result is <see cref="Intents.Other"/>.</summary>
    public double MinConfidence { get; }

    /// <summary>How many training examples the model was trained on.</summary>
    public int TrainingExampleCount { get; private init; }

    /// <summary>Trains a recognizer on the training set shipped in this assembly (<c>Understanding/Training/intents.train.jsonl</c>).</summary>
    public static IntentRecognizer CreateDefault(double minConfidence = DefaultMinConfidence) =>
        Train(LoadDefaultTrainingSet(), minConfidence);

    /// <summary>The training set shipped in this assembly.</summary>
    public static IReadOnlyList<LabeledUtterance> LoadDefaultTrainingSet()
    {
        using var stream = typeof(IntentRecognizer).Assembly.GetManifestResourceStream(TrainingResource)
            ?? throw new InvalidOperationException($"The embedded training set '{TrainingResource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return LabeledUtteranceReader.ReadAll(reader);
    }

    /// <summary>Trains a recognizer on <paramref name="examples"/> (deterministic: same examples, same model).</summary>
    public static IntentRecognizer Train(IReadOnlyList<LabeledUtterance> examples, double minConfidence = DefaultMinConfidence)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(minConfidence, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minConfidence, 1d);
        if (examples.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(examples));
        }

        var classes = Intents.All;
        var normalized = new List<(TokenBuffer Tokens, int Label)>(examples.Count);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            var label = IndexOf(classes, example.Intent);
            if (label < 0)
            {
                throw new ArgumentException($"Training example \"{example.Text}\" has unknown intent \"{example.Intent}\".", nameof(examples));
            }

            var tokens = new TokenBuffer();
            TextNormalizer.Normalize(example.Text, tokens);
            for (var i = 0; i < tokens.Count; i++)
            {
                var word = tokens[i].ToString();
                frequencies[word] = frequencies.GetValueOrDefault(word) + 1;
            }

            normalized.Add((tokens, label));
        }

        foreach (var word in DomainLexicon.Words)
        {
            frequencies.TryAdd(word, 1);
        }

        var model = IntentModelTrainer.Train(normalized, classes);
        return new IntentRecognizer(model, new SpellingCorrector(frequencies), minConfidence) { TrainingExampleCount = examples.Count };
    }

    /// <inheritdoc />
    public IntentResult Recognize(string text)
    {
        var tokens = _threadTokens ??= new TokenBuffer();
        var probabilities = _threadProbabilities ??= new float[_model.Classes.Count];
        TextNormalizer.Normalize(text ?? string.Empty, tokens, _corrector);
        if (tokens.Count == 0 || _model.Predict(tokens, probabilities) == 0)
        {
            return new IntentResult(Intents.Other, 1d, []);
        }

        Span<int> top = stackalloc int[AlternativeCount + 1];
        var found = TopIndexes(probabilities, top);
        var best = top[0];
        if (probabilities[best] >= MinConfidence)
        {
            var alternatives = new IntentScore[found - 1];
            for (var i = 1; i < found; i++)
            {
                alternatives[i - 1] = new IntentScore(_model.Classes[top[i]], probabilities[top[i]]);
            }

            return new IntentResult(_model.Classes[best], probabilities[best], alternatives);
        }

        // Not confident: answer "other", keeping the best guesses as alternatives (a "did you mean" prompt).
        var guesses = new List<IntentScore>(found);
        for (var i = 0; i < found; i++)
        {
            if (top[i] != _otherIndex)
            {
                guesses.Add(new IntentScore(_model.Classes[top[i]], probabilities[top[i]]));
            }
        }

        return new IntentResult(Intents.Other, probabilities[best], guesses);
    }

    private static int TopIndexes(float[] probabilities, Span<int> top)
    {
        var found = 0;
        for (var c = 0; c < probabilities.Length; c++)
        {
            var position = found;
            while (position > 0 && probabilities[top[position - 1]] < probabilities[c])
            {
                position--;
            }

            if (position >= top.Length)
            {
                continue;
            }

            var last = Math.Min(found, top.Length - 1);
            for (var i = last; i > position; i--)
            {
                top[i] = top[i - 1];
            }

            top[position] = c;
            found = Math.Min(found + 1, top.Length);
        }

        return found;
    }

    private static int IndexOf(IReadOnlyList<string> classes, string intent)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (string.Equals(classes[i], intent, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
