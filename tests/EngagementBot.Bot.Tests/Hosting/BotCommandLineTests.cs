using EngagementBot.Bot.Hosting;
using EngagementBot.Storage.Content;

namespace EngagementBot.Bot.Tests.Hosting;

/// <summary><c>dotnet run --project bot -- import &lt;folder&gt;</c> and friends, on a real SQLite file.</summary>
public sealed class BotCommandLineTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "engagementbot-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_creates_the_demo_then_is_idempotent()
    {
        var (first, firstOutput, _) = await RunAsync("import", ContentImporter.DemoContentFolder, $"--Storage:DataFolder={_dataFolder}");
        var (second, secondOutput, _) = await RunAsync("import", ContentImporter.DemoContentFolder, $"--Storage:DataFolder={_dataFolder}");

        Assert.Equal(0, first);
        Assert.Contains("created: project:parc-des-berges", firstOutput, StringComparison.Ordinal);
        Assert.Contains("created: consultation:berges-2026", firstOutput, StringComparison.Ordinal);
        Assert.Equal(0, second);
        Assert.Contains("0 created, 0 updated, 2 unchanged", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_invalid_content_reports_file_line_and_field_and_imports_nothing()
    {
        var folder = Path.Combine(_dataFolder, "content");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.yaml"), "kind: consultation\nid: c1\nproject: nowhere\ntitle: { fr: \"Titre\" }\nopens: 2026-13-01\n");

        var (exit, output, _) = await RunAsync("import", folder, $"--Storage:DataFolder={_dataFolder}");

        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml(", output, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nlu_eval_prints_accuracy_and_writes_predictions()
    {
        Directory.CreateDirectory(_dataFolder);
        var input = Path.Combine(_dataFolder, "eval.jsonl");
        var predictions = Path.Combine(_dataFolder, "predictions.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"text":"Où en est le projet du parc?","lang":"fr","intent":"project.status"}""",
            """{"text":"I want to stop receiving messages","lang":"en","intent":"subscription.unsubscribe"}""",
        ]);

        var (exit, output, _) = await RunAsync("nlu-eval", input, "--out", predictions);

        Assert.Equal(0, exit);
        Assert.Contains("Overall accuracy", output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(predictions);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Contains("\"predicted\"", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_writes_one_line_per_item_reports_bad_rows_by_line_and_summarises()
    {
        Directory.CreateDirectory(_dataFolder);
        var input = Path.Combine(_dataFolder, "feedback.jsonl");
        var output = Path.Combine(_dataFolder, "analysis.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"r1","text":"Les jeux d'eau, c'est super pour les enfants! Merci.","lang":"fr"}""",
            """{"id":"r2","text":"Terrible lighting on the trail, I don't feel safe at night. Call me at 514-555-0199."}""",
            "{broken",
            """{"id":"r3","text":""}""",
            """{"id":"r4","text":"Le stationnement est déjà plein le dimanche, ça va être pire."}""",
        ]);

        var (exit, report, problems) = await RunAsync("analyze", input, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("feedback.jsonl:3: skipped: invalid JSON", problems, StringComparison.Ordinal);
        Assert.Contains("feedback.jsonl:4: skipped: no text", problems, StringComparison.Ordinal);
        Assert.Contains("Analysed 3 item(s); skipped 2.", report, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["r1", "r2", "r4"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal("positive", lines[0].GetProperty("sentiment").GetString());
        Assert.Equal("negative", lines[1].GetProperty("sentiment").GetString());
        Assert.Equal("en", lines[1].GetProperty("language").GetString());
        Assert.Contains("[PHONE]", lines[1].GetProperty("redactedText").GetString(), StringComparison.Ordinal);
        Assert.Equal("514-555-0199", lines[1].GetProperty("pii")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Analyze_a_csv_without_the_text_column_lists_the_columns()
    {
        Directory.CreateDirectory(_dataFolder);
        var input = Path.Combine(_dataFolder, "survey.csv");
        await File.WriteAllTextAsync(input, "id,answer\n1,Très bien\n");

        var (exit, _, problems) = await RunAsync("analyze", input);
        var (importExit, _, importProblems) = await RunAsync("analyze", input, "--import", "parc-des-berges");

        Assert.Equal(1, exit);
        Assert.Contains("columns are: id, answer", problems, StringComparison.Ordinal);
        Assert.Contains("--text-column", problems, StringComparison.Ordinal);
        Assert.Equal(1, importExit); // the file is read before any storage is touched
        Assert.Contains("columns are: id, answer", importProblems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_and_an_unknown_command_say_what_to_do()
    {
        var (missing, _, missingError) = await RunAsync("import", Path.Combine(_dataFolder, "nope"));
        var (usage, _, usageError) = await RunAsync("import");
        var (unknown, _, unknownError) = await RunAsync("frobnicate");

        Assert.Equal(1, missing);
        Assert.Contains("Content folder not found", missingError, StringComparison.Ordinal);
        Assert.Equal(2, usage);
        Assert.Contains("Usage: dotnet run --project bot -- import <folder>", usageError, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("Unknown command 'frobnicate'", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_storage_copies_a_sqlite_store_and_reads_host_settings_for_the_target()
    {
        var source = Path.Combine(_dataFolder, "source");
        var target = Path.Combine(_dataFolder, "target");
        Assert.Equal(0, (await RunAsync("import", ContentImporter.DemoContentFolder, $"--Storage:DataFolder={source}")).Exit);

        var (copied, copiedOutput, copiedError) = await RunAsync("migrate-storage", "--from", "sqlite:" + source, "--to", "sqlite:" + target);
        var (again, againOutput, _) = await RunAsync("migrate-storage", "--from=sqlite:" + source, "--to=sqlite:" + target);
        var (usage, _, usageError) = await RunAsync("migrate-storage");
        var (badSetting, _, badSettingError) = await RunAsync(
            "migrate-storage", "--from", "sqlite:" + source, "--to", "cosmos", "--Storage:Cosmos:AccountEndpoint=http://127.0.0.1:1/");

        Assert.True(copied == 0, copiedOutput + copiedError);
        Assert.Contains("projects: 1 in source, 1 copied, 0 already there, 0 conflicts", copiedOutput, StringComparison.Ordinal);
        Assert.Contains("consultations: 1 in source, 1 copied, 0 already there, 0 conflicts", copiedOutput, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("Done: 0 copied, 2 already there, 0 conflicts.", againOutput, StringComparison.Ordinal);
        Assert.Equal(2, usage);
        Assert.Contains("Usage: dotnet run --project bot -- migrate-storage --from <location> --to <location>", usageError, StringComparison.Ordinal);
        Assert.Equal(2, badSetting);
        Assert.Contains("Storage:Cosmos:AccountEndpoint must be the account's https URI", badSettingError, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotCommandLine.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
