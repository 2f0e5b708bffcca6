using System.Diagnostics;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// Runs the official <c>adaptivecards@3.0.6</c> object model (tests/EngagementBot.EndToEnd.Tests/tools/validate-adaptive-cards.js)
/// over a folder of card JSON files: exit code 0 and "N card(s), 0 failed" when every card parses, validates and is version ≤ 1.5.
/// </summary>
public static class AdaptiveCardsValidator
{
    public static async Task<(int ExitCode, string Output)> ValidateFolderAsync(string folder)
    {
        var tools = Path.Combine(RepositoryRoot(), "tests", "EngagementBot.EndToEnd.Tests");
        Assert.True(
            Directory.Exists(Path.Combine(tools, "node_modules", "adaptivecards")),
            $"adaptivecards is not installed: run 'npm ci' in {tools} (test.sh does it).");
        var start = new ProcessStartInfo("node", [Path.Combine(tools, "tools", "validate-adaptive-cards.js"), folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = tools,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EngagementBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EngagementBot.sln not found above the test assembly.");
    }
}
