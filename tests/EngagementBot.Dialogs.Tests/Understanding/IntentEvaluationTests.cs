using System.Text.Json;
using EngagementBot.Dialogs.Understanding;
using EngagementBot.Dialogs.Understanding.Evaluation;

namespace EngagementBot.Dialogs.Tests.Understanding;

public sealed class IntentEvaluationTests
{
    [Fact]
    public async Task Reports_accuracy_per_intent_and_confusions_and_writes_one_prediction_per_line()
    {
        // A fake recognizer with known answers, so that the counts are exact.
        var recognizer = new TableRecognizer(new Dictionary<string, string>
        {
            ["a"] = Intents.Help,
            ["b"] = Intents.Help,
            ["c"] = Intents.Other,
            ["d"] = Intents.Faq,
        });
        var input = string.Join('\n',
            """{"id":"1","text":"a","lang":"en","intent":"help"}""",
            """{"text":"b","lang":"fr","intent":"faq","topic":"parking"}""",
            "",
            """{"text":"c","lang":"fr","intent":"other"}""",
            """{"text":"d","lang":"en","intent":"faq"}""");
        var predictions = new StringWriter();

        var report = await new IntentEvaluation(recognizer).EvaluateAsync(new StringReader(input), predictions, CancellationToken.None);

        Assert.Equal(4, report.Total);
        Assert.Equal(3, report.Correct);
        Assert.Equal(0.75, report.Accuracy);
        Assert.Equal(0.5, report.PerIntent.Single(i => i.Intent == Intents.Faq).Accuracy);
        Assert.Equal(1, report.Count(Intents.Faq, Intents.Help));
        Assert.Equal(1, report.Count(Intents.Help, Intents.Help));

        var text = report.Format();
        Assert.Contains("Overall accuracy: 75.0 % (3/4)", text, StringComparison.Ordinal);
        Assert.Contains("faq -> help: 1", text, StringComparison.Ordinal);

        var lines = predictions.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("b", second.RootElement.GetProperty("text").GetString());
        Assert.Equal("faq", second.RootElement.GetProperty("intent").GetString());
        Assert.Equal("help", second.RootElement.GetProperty("predicted").GetString());
        Assert.Equal(0.9, second.RootElement.GetProperty("score").GetDouble());
        Assert.False(second.RootElement.GetProperty("correct").GetBoolean());
    }

    [Theory]
    [InlineData("not json", "Line 2: not valid JSON")]
    [InlineData("""{"lang":"en","intent":"help"}""", "Line 2: missing string property \"text\"")]
    [InlineData("""{"text":"hi","lang":"en","intent":"greeting"}""", "Line 2: unknown intent \"greeting\"")]
    [InlineData("[1,2]", "Line 2: expected a JSON object")]
    public async Task A_malformed_line_fails_with_its_line_number_and_the_reason(string badLine, string message)
    {
        var input = """{"text":"a","lang":"en","intent":"help"}""" + "\n" + badLine;
        var evaluation = new IntentEvaluation(new TableRecognizer(new Dictionary<string, string> { ["a"] = Intents.Help }));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => evaluation.EvaluateAsync(new StringReader(input), null, CancellationToken.None));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluates_the_real_recognizer_on_its_training_sentences()
    {
        var lines = IntentRecognizer.LoadDefaultTrainingSet()
            .Select(u => JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = u.Text, ["lang"] = u.Lang, ["intent"] = u.Intent }));

        var report = await new IntentEvaluation(TrainedRecognizer.Instance)
            .EvaluateAsync(new StringReader(string.Join('\n', lines)), null, CancellationToken.None);

        // Fitting its own training data is a sanity check of the trainer, not a quality claim.
        Assert.True(report.Accuracy > 0.97, report.Format());
    }

    private sealed class TableRecognizer(IReadOnlyDictionary<string, string> answers) : IIntentRecognizer
    {
        public IntentResult Recognize(string text) => new(answers[text], 0.9, []);
    }
}
