using EngagementBot.Dialogs.Understanding;
using EngagementBot.Dialogs.Understanding.Evaluation;
using Xunit.Abstractions;

namespace EngagementBot.Dialogs.Tests.Understanding;

/// <summary>Accuracy on the shared development set (never trained on): fails below 90% overall.</summary>
public sealed class DevSetAccuracyTests(ITestOutputHelper output)
{
    private const string RelativePath = "shared/data/questions-dev.jsonl";

    [Fact]
    public async Task Dev_set_accuracy_is_at_least_90_percent_overall_and_80_percent_per_intent()
    {
        var path = FindDevSet();
        using var reader = new StreamReader(path);
        var report = await new IntentEvaluation(TrainedRecognizer.Instance).EvaluateAsync(reader, null, CancellationToken.None);
        output.WriteLine(report.Format());

        Assert.Equal(240, report.Total);
        Assert.True(report.Accuracy >= 0.90, $"Overall accuracy {report.Accuracy:P1} is below 90%.\n{report.Format()}");
        foreach (var intent in report.PerIntent)
        {
            Assert.True(intent.Accuracy >= 0.80, $"{intent.Intent}: {intent.Accuracy:P1} is below 80%.\n{report.Format()}");
        }
    }

    [Fact]
    public void Dev_set_sentences_are_not_in_the_training_set()
    {
        var training = IntentRecognizer.LoadDefaultTrainingSet()
            .Select(u => Normalize(u.Text))
            .ToHashSet(StringComparer.Ordinal);
        using var reader = new StreamReader(FindDevSet());
        var copied = LabeledUtteranceReader.ReadAll(reader).Where(u => training.Contains(Normalize(u.Text))).Select(u => u.Text).ToList();
        Assert.True(copied.Count == 0, "Training set contains dev sentences: " + string.Join(" | ", copied));
    }

    private static string Normalize(string text) =>
        new string([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>Walks up from the test's base directory to the folder that holds <c>shared/data</c> (beside the repository).</summary>
    private static string FindDevSet()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"The development set '{RelativePath}' was not found in any parent folder of {AppContext.BaseDirectory}. "
            + "It lives in shared/ beside the repository (<repo>/../shared/data/questions-dev.jsonl); check it out there.");
        return string.Empty;
    }
}
