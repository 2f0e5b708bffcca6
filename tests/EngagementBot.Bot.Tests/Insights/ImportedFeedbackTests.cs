using EngagementBot.Bot.Hosting;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage.Content;

namespace EngagementBot.Bot.Tests.Insights;

/// <summary>
/// <c>analyze &lt;file&gt; --import &lt;project&gt;</c> on a real SQLite file: good rows are stored as the project's
/// feedback (again = updated, not duplicated), bad rows are reported with their line and skipped, and a staff
/// summary of the project served by the bot on that database includes the imported comments, redacted.
/// </summary>
public sealed class ImportedFeedbackTests : IAsyncLifetime
{
    private const string StaffObjectId = "5b7d4a10-2c3e-4f56-8a9b-0c1d2e3f4a5b";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementbot-import-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Imported_feedback_is_stored_once_reported_row_by_row_and_appears_in_the_staff_summary()
    {
        var data = $"--Storage:DataFolder={_folder}";
        Assert.Equal(0, (await RunAsync("import", ContentImporter.DemoContentFolder, data)).Exit);
        var input = Path.Combine(_folder, "survey.csv");
        await File.WriteAllTextAsync(input, string.Join('\n',
            "id,comment,lang",
            "s-1,\"Le stationnement payant au parc, c'est non. Écrivez-moi à jean.roy@example.com\",fr",
            "s-2,,en",
            "s-3,The new benches along the river are lovely.,en",
            "s-4,Il manque d'éclairage près du pont le soir.,fr",
            string.Empty));

        var (exit, _, report) = await RunAsync("analyze", input, "--import", "parc-des-berges", data);
        var (again, _, secondReport) = await RunAsync("analyze", input, "--import", "parc-des-berges", data);
        var (unknown, _, unknownError) = await RunAsync("analyze", input, "--import", "nope", data);

        Assert.Equal(1, exit); // one row skipped
        Assert.Contains($"{input}:3: skipped: no text in column 'comment'", report, StringComparison.Ordinal);
        Assert.Contains("Imported 3 item(s) as feedback of 'parc-des-berges' (consultation parc-des-berges.imported-feedback): 3 new, 0 updated; skipped 1.", report, StringComparison.Ordinal);
        Assert.Equal(1, again);
        Assert.Contains("0 new, 3 updated", secondReport, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("Unknown project 'nope'. Projects: parc-des-berges.", unknownError, StringComparison.Ordinal);

        await using var channel = await ConnectorStubServer.StartAsync();
        await using var bot = new BotApplicationFactory(new()
        {
            ["Storage:DataFolder"] = _folder,
            ["Staff:Members:0:AadObjectId"] = StaffObjectId,
        });
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        var chat = new StaffInsightsChat(client, channel, StaffObjectId);

        await chat.SayAsync("summary parc-des-berges");
        var card = await chat.WaitForProactiveCardAsync();

        var texts = StaffInsightsChat.Texts(card);
        Assert.Contains("Responses: 0, submitted: 0 (completion n/a) · comments analysed: 3", texts);
        Assert.Contains("Including 3 comments imported from outside feedback.", texts);
        Assert.DoesNotContain("jean.roy@example.com", card.GetRawText(), StringComparison.Ordinal);

        // Citizens never see the imported-feedback consultation.
        var citizen = new StaffInsightsChat(client, channel, "9c9c9c9c-1111-2222-3333-444455556666");
        var (_, start) = await citizen.SayAsync("start");
        Assert.DoesNotContain(start, a => (a.Text ?? string.Empty).Contains("imported", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotCommandLine.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
