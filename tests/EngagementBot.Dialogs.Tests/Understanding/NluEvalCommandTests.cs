using System.Text.Json;
using EngagementBot.Dialogs.Understanding.Evaluation;

namespace EngagementBot.Dialogs.Tests.Understanding;

public sealed class NluEvalCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nlu-eval-").FullName;
    private readonly NluEvalCommand _command = new(TrainedRecognizer.Instance);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Prints_the_report_and_writes_one_prediction_per_input_line()
    {
        var input = Write("in.jsonl",
            """{"text":"quoi de neuf au parc","lang":"fr","intent":"project.news"}""",
            """{"text":"unsubscribe me from the newsletter","lang":"en","intent":"subscription.unsubscribe"}""");
        var outPath = Path.Combine(_directory, "out.jsonl");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await _command.RunAsync([input, "--out", outPath], output, error, CancellationToken.None);

        Assert.Equal(NluEvalCommand.Success, code);
        Assert.Contains("Overall accuracy: 100.0 % (2/2)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Confusion", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
        var lines = await File.ReadAllLinesAsync(outPath);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("project.news", first.RootElement.GetProperty("predicted").GetString());
        Assert.InRange(first.RootElement.GetProperty("score").GetDouble(), 0.25, 1);
    }

    [Fact]
    public async Task A_malformed_line_exits_1_naming_the_file_and_line()
    {
        var input = Write("bad.jsonl", """{"text":"hello","lang":"en","intent":"help"}""", """{"text":"x"}""");
        var error = new StringWriter();

        var code = await _command.RunAsync([input], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(NluEvalCommand.InvalidInput, code);
        Assert.Contains("Line 2: missing string property \"intent\"", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData()]
    [InlineData("--out")]
    [InlineData("does-not-exist.jsonl")]
    [InlineData("a.jsonl", "b.jsonl")]
    [InlineData("a.jsonl", "--verbose")]
    public async Task Wrong_arguments_exit_2_with_the_usage(params string[] args)
    {
        var error = new StringWriter();

        var code = await _command.RunAsync(args, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(NluEvalCommand.UsageError, code);
        Assert.Contains("Usage: nlu-eval <file.jsonl> [--out <predictions.jsonl>]", error.ToString(), StringComparison.Ordinal);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
