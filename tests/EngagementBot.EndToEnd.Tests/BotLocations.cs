namespace EngagementBot.EndToEnd.Tests;

/// <summary>Finds the bot project's folder (its web root holds the page) from the test's output folder.</summary>
internal static class BotLocations
{
    public static string BotProjectDirectory { get; } = Find();

    /// <summary>This test project's folder (its node_modules hold the test tools).</summary>
    public static string EndToEndProjectDirectory { get; } = Path.Combine(Path.GetDirectoryName(BotProjectDirectory)!, "tests", "EngagementBot.EndToEnd.Tests");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "bot", "EngagementBot.Bot.csproj");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        throw new InvalidOperationException("Cannot find bot/EngagementBot.Bot.csproj above " + AppContext.BaseDirectory);
    }
}
