using System.Globalization;
using System.Text.Json;
using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline;
using EngagementBot.Analytics.Offline.Sentiment;

// Trains the English sentiment model on the UCI labelled sentences and evaluates the offline
// sentiment on the dev feedback set. Usage:
//   train <uci-sentences.tsv> <model-en.tsv>     (held-out: every 5th sentence of each source, never trained on)
//   eval  <feedback-dev.jsonl>
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: train <uci-sentences.tsv> <model-out.tsv> | eval <feedback-dev.jsonl>");
    return 2;
}

return args[0] switch
{
    "train" => Commands.Train(args[1], args[2]),
    "eval" => Commands.Eval(args[1]),
    "pii" => Commands.Pii(args[1]),
    "kp" => Commands.KeyPhrases(args[1]),
    "lex" => Commands.Lexicon(args[1], args[2..]),
    "summary" => Commands.Summary(args[1]),
    _ => 2,
};

internal static class Commands
{
    public static int Train(string uciPath, string modelPath)
    {
        var all = ReadUci(uciPath);
        var train = all.Where(s => !s.HeldOut).ToList();
        var heldOut = all.Where(s => s.HeldOut).ToList();
        var worker = new DocumentWorker();
        var trainX = train.Select(s => Featurize(worker, s.Text)).ToList();
        var trainY = train.Select(s => s.Positive).ToList();

        // Choose L2 and epochs on a validation slice of the training part (every 8th sentence).
        var best = (L2: 0f, Epochs: 0, Accuracy: -1.0);
        foreach (var l2 in new[] { 1e-6f, 1e-5f, 1e-4f, 1e-3f })
        {
            foreach (var epochs in new[] { 5, 10, 20 })
            {
                var fitIdx = Enumerable.Range(0, trainX.Count).Where(i => i % 8 != 3).ToList();
                var valIdx = Enumerable.Range(0, trainX.Count).Where(i => i % 8 == 3).ToList();
                var w = Fit(fitIdx.Select(i => trainX[i]).ToList(), fitIdx.Select(i => trainY[i]).ToList(), l2, epochs);
                var acc = Accuracy(new EnglishSentimentModel(w), valIdx.Select(i => trainX[i]).ToList(), valIdx.Select(i => trainY[i]).ToList());
                Console.WriteLine($"l2={l2:G2} epochs={epochs} validation={acc:F4}");
                if (acc > best.Accuracy)
                {
                    best = (l2, epochs, acc);
                }
            }
        }

        // Blend of model and rules (SentimentLabeler.ModelWeight), judged on the validation slice with a model fitted without it.
        {
            var fitIdx = Enumerable.Range(0, trainX.Count).Where(i => i % 8 != 3).ToList();
            var valIdx = Enumerable.Range(0, trainX.Count).Where(i => i % 8 == 3).ToList();
            var m = new EnglishSentimentModel(Fit(fitIdx.Select(i => trainX[i]).ToList(), fitIdx.Select(i => trainY[i]).ToList(), best.L2, best.Epochs));
            foreach (var blend in new[] { 0f, 0.3f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f })
            {
                var ok = 0;
                foreach (var i in valIdx)
                {
                    var x = trainX[i];
                    var pv = x.First(f => f.Index == SentimentFeatures.PositiveIndex).Value;
                    var nv = x.First(f => f.Index == SentimentFeatures.NegativeIndex).Value;
                    float pos = pv / (1 - pv), neg = nv / (1 - nv);
                    var ruleLean = pos + neg > 0 ? pos / (pos + neg) : 0.45f;
                    var lean = (blend * m.Probability(x)) + ((1 - blend) * ruleLean);
                    ok += (lean > 0.5f) == trainY[i] ? 1 : 0;
                }

                Console.WriteLine($"blend model weight {blend:F1}: validation accuracy {(double)ok / valIdx.Count:F4}");
            }
        }

        var weights = Fit(trainX, trainY, best.L2, best.Epochs);
        var model = new EnglishSentimentModel(weights);
        var heldX = heldOut.Select(s => Featurize(worker, s.Text)).ToList();
        var heldAcc = Accuracy(model, heldX, heldOut.Select(s => s.Positive).ToList());
        Console.WriteLine($"chosen l2={best.L2:G2} epochs={best.Epochs}; train={train.Count} held-out={heldOut.Count} held-out accuracy={heldAcc:F4}");
        using var writer = new StreamWriter(modelPath);
        EnglishSentimentModel.Write(weights, writer, $"English sentiment logistic regression (EngagementBot trainer) over UCI sentences CC BY 4.0; l2={best.L2.ToString(CultureInfo.InvariantCulture)} epochs={best.Epochs}; index<TAB>weight");
        return 0;
    }

    public static int Eval(string devPath)
    {
        var worker = new DocumentWorker();
        var rows = File.ReadLines(devPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var binary = new Dictionary<string, (int Ok, int All)>();
        var four = new Dictionary<string, (int Ok, int All)>();
        var langOk = 0;
        foreach (var row in rows)
        {
            var id = row.GetProperty("id").GetString()!;
            var gold = row.GetProperty("sentiment").GetString()!;
            var lang = row.GetProperty("lang").GetString()!;
            worker.Load(row.GetProperty("text").GetString()!);
            var (detected, _) = worker.DetectLanguage(null);
            langOk += detected == lang ? 1 : 0;
            var result = worker.AnalyzeSentiment(id, detected);
            var predicted = result.Sentiment.ToString().ToLowerInvariant();
            four[lang] = (four.GetValueOrDefault(lang).Ok + (predicted == gold ? 1 : 0), four.GetValueOrDefault(lang).All + 1);
            if (gold is "positive" or "negative")
            {
                var ok = result.Scores.LeansPositive == (gold == "positive");
                binary[lang] = (binary.GetValueOrDefault(lang).Ok + (ok ? 1 : 0), binary.GetValueOrDefault(lang).All + 1);
                if (!ok && CommandLine.Contains("-v"))
                {
                    Console.WriteLine($"  MISS {id} {lang} gold={gold} pos={result.Scores.Positive:F2} neg={result.Scores.Negative:F2} {row.GetProperty("text").GetString()}");
                }
            }
        }

        Console.WriteLine($"language accuracy {langOk}/{rows.Count} = {(double)langOk / rows.Count:F4}");
        foreach (var (lang, (ok, all)) in binary)
        {
            Console.WriteLine($"binary {lang}: {ok}/{all} = {(double)ok / all:F4}; 4-class {four[lang].Ok}/{four[lang].All} = {(double)four[lang].Ok / four[lang].All:F4}");
        }

        return 0;
    }

    public static int Summary(string devPath)
    {
        var docs = File.ReadLines(devPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => new TextDocument(r.GetProperty("id").GetString()!, r.GetProperty("text").GetString()!)).ToList();
        var analysis = new OfflineTextAnalyzer().AnalyzeAsync(docs, new CorpusAnalysisOptions(), CancellationToken.None).GetAwaiter().GetResult();
        foreach (var s in analysis.Summary.Sentences)
        {
            Console.WriteLine($"{s.RankScore:F2} [{string.Join(",", s.DocumentIds)}] {s.Text}");
        }

        Console.WriteLine("top key phrases: " + string.Join(", ", analysis.TopKeyPhrases.Select(k => $"{k.Phrase} ({k.Count})")));
        return 0;
    }

    public static int Lexicon(string language, string[] words)
    {
        var lexicon = language == "fr" ? EngagementBot.Analytics.Offline.Lexicons.SentimentLexicon.French : EngagementBot.Analytics.Offline.Lexicons.SentimentLexicon.English;
        Console.WriteLine(string.Join("  ", words.Select(w => $"{w}={lexicon.Word(EngagementBot.Analytics.Offline.Text.TextFolding.Fold(w)):F2}")));
        return 0;
    }

    public static int KeyPhrases(string text)
    {
        var analyzer = new OfflineTextAnalyzer();
        var r = analyzer.ExtractKeyPhrasesAsync([new TextDocument("x", text)], CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine(string.Join(" | ", r[0].KeyPhrases));
        return 0;
    }

    public static int Pii(string devPath)
    {
        var worker = new DocumentWorker();
        int tp = 0, fp = 0, fn = 0;
        foreach (var line in File.ReadLines(devPath).Where(l => l.Length > 0))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var text = row.GetProperty("text").GetString()!;
            var gold = row.GetProperty("pii").EnumerateArray().Select(e => e.GetString()!).ToList();
            worker.Load(text);
            var found = worker.RecognizePii("x").Entities.Select(e => e.Text).ToList();
            foreach (var g in gold)
            {
                if (found.Remove(g)) { tp++; } else { fn++; Console.WriteLine($"  MISSED {row.GetProperty("id").GetString()} [{g}] in: {text}"); }
            }

            foreach (var f in found)
            {
                fp++;
                Console.WriteLine($"  SPURIOUS {row.GetProperty("id").GetString()} [{f}] in: {text}");
            }
        }

        Console.WriteLine($"pii tp={tp} fp={fp} fn={fn} precision={(double)tp / (tp + fp):F4} recall={(double)tp / (tp + fn):F4}");
        return 0;
    }

    private static readonly string[] CommandLine = Environment.GetCommandLineArgs();

    private static List<(int Index, float Value)> Featurize(DocumentWorker worker, string text)
    {
        worker.Load(text);
        return [.. worker.ExtractFeatures()];
    }

    private static float[] Fit(List<List<(int Index, float Value)>> xs, List<bool> ys, float l2, int epochs)
    {
        var w = new float[SentimentFeatures.Size];
        var g2 = new float[SentimentFeatures.Size];
        var order = Enumerable.Range(0, xs.Count).ToArray();
        var rng = new Random(42);
        const float rate = 0.5f;
        for (var e = 0; e < epochs; e++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                var z = 0f;
                foreach (var (idx, v) in xs[i])
                {
                    z += w[idx] * v;
                }

                var p = 1f / (1f + MathF.Exp(-z));
                var err = p - (ys[i] ? 1f : 0f);
                foreach (var (idx, v) in xs[i])
                {
                    var g = (err * v) + (l2 * w[idx]);
                    g2[idx] += g * g;
                    w[idx] -= rate * g / (MathF.Sqrt(g2[idx]) + 1e-6f);
                }
            }
        }

        return w;
    }

    private static double Accuracy(EnglishSentimentModel model, List<List<(int Index, float Value)>> xs, List<bool> ys)
    {
        var ok = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            ok += (model.Probability(xs[i]) > 0.5f) == ys[i] ? 1 : 0;
        }

        return (double)ok / xs.Count;
    }

    private static List<(string Text, bool Positive, bool HeldOut)> ReadUci(string path) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(c => (Text: c[3], Positive: c[2] == "1", HeldOut: UciSplit.IsHeldOut(int.Parse(c[1], CultureInfo.InvariantCulture))))
            .ToList();
}
