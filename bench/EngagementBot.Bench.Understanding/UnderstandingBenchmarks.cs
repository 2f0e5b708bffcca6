using BenchmarkDotNet.Attributes;
using EngagementBot.Dialogs.Understanding;
using EngagementBot.Dialogs.Understanding.Faq;

namespace EngagementBot.Bench.Understanding;

/// <summary>Cost of recognising one message, of one FAQ look-up, and of training the model.</summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private static readonly string[] Messages =
    [
        "c'est rendu où le projet du parc?",
        "When's the next open house? I wanna register",
        "y'a tu qqch de prévu pour les chiens",
        "STOP les textos svp 🙏",
        "what happens with my answers",
        "Le stationnement va-t-il rester gratuit?",
        "qui lit vraiment ce que j'écris ici",
        "tell me a joke",
    ];

    private IntentRecognizer _recognizer = null!;
    private FaqIndex _faq = null!;
    private IReadOnlyList<LabeledUtterance> _training = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _training = IntentRecognizer.LoadDefaultTrainingSet();
        _recognizer = IntentRecognizer.Train(_training);
        _faq = new FaqIndex(
        [
            new("parking", "Le stationnement restera-t-il gratuit?", "Will parking stay free?", "Oui.", "Yes."),
            new("dogs", "Y aura-t-il une aire pour chiens?", "Will there be a dog park?", "Oui, clôturée.", "Yes, fenced."),
            new("trees", "Des arbres seront-ils coupés?", "Will trees be cut down?", "Six arbres malades.", "Six diseased trees."),
        ]);
    }

    /// <summary>One message through normalisation, typo correction and the model.</summary>
    [Benchmark]
    public IntentResult Recognize() => _recognizer.Recognize(Messages[_next++ % Messages.Length]);

    /// <summary>One FAQ look-up.</summary>
    [Benchmark]
    public FaqMatch? FindFaqAnswer() => _faq.FindBestMatch(Messages[_next++ % Messages.Length]);

    /// <summary>Training the model on the shipped training set (done once at start-up).</summary>
    [Benchmark]
    public IntentRecognizer Train() => IntentRecognizer.Train(_training);
}
