using EngagementBot.Analytics;
using EngagementBot.Dialogs.Insights;
using EngagementBot.Dialogs.Understanding;
using EngagementBot.Dialogs.Understanding.Evaluation;
using EngagementBot.Storage;
using EngagementBot.Storage.Content;
using EngagementBot.Storage.Migration;

namespace EngagementBot.Bot.Hosting;

/// <summary>
/// The bot's one-shot commands, run instead of the web host: <c>dotnet run --project bot -- &lt;command&gt; …</c>.
/// <list type="bullet">
/// <item><c>import &lt;folder&gt;</c>: validates and imports the project and consultation YAML files of a folder.</item>
/// <item><c>nlu-eval &lt;file.jsonl&gt; [--out &lt;file&gt;]</c>: batch evaluation of the intent recognizer on labelled lines
/// <c>{"text","lang","intent"}</c>: overall and per-intent accuracy and a confusion table.</item>
/// <item><c>analyze &lt;file.csv|file.jsonl&gt; … [--import &lt;project&gt;]</c>: text analytics of outside feedback, optionally stored as
/// feedback of a project (see <see cref="AnalyzeCommand"/>); host settings such as <c>--Storage:DataFolder=…</c> may follow.</item>
/// <item><c>migrate-storage --from &lt;location&gt; --to &lt;location&gt;</c>: copies every store into another provider
/// (<see cref="StorageMigrationCommand"/>; e.g. <c>--from sqlite:data --to cosmos</c>); host settings such as
/// <c>--Storage:Cosmos:AccountEndpoint=…</c> may follow.</item>
/// </list>
/// </summary>
public static class BotCommandLine
{
    private static readonly string[] Commands = ["import", "nlu-eval", "analyze", "migrate-storage"];

    /// <summary>True when the arguments name a command (rather than host settings such as <c>--urls</c>).</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <returns>The process exit code: 0 success, 1 the command failed, 2 bad usage.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args[0])
        {
            case "import" when args.Length >= 2 && !Directory.Exists(args[1]):
                await error.WriteLineAsync(
                    $"Content folder not found: {Path.GetFullPath(args[1])}. Relative paths are resolved from the current directory " +
                    "(with 'dotnet run --project bot' that is the bot/ folder): e.g. 'dotnet run --project bot -- import ../storage/Content/Demo', or give an absolute path.");
                return 1;
            case "import" when args.Length >= 2:
                using (var host = BuildCommandHost(args[2..]))
                {
                    return await ContentImportCommand.RunAsync(host.Services, args[1], output, cancellationToken);
                }

            case "import":
                await error.WriteLineAsync("Usage: dotnet run --project bot -- import <folder>   (a folder of project and consultation YAML files)");
                return 2;
            case "nlu-eval":
                using (var host = BuildCommandHost([]))
                {
                    return await host.Services.GetRequiredService<NluEvalCommand>().RunAsync(args[1..], output, error, cancellationToken);
                }

            case "analyze":
                {
                    // Host settings (--Storage:DataFolder=…) go to the host; the rest to the command.
                    var settings = args[1..].Where(IsHostSetting).ToArray();
                    using var host = BuildCommandHost(settings);
                    var started = false;
                    await using var scope = host.Services.CreateAsyncScope();
                    var command = new AnalyzeCommand(host.Services.GetRequiredService<ITextAnalyzer>(), async ct =>
                    {
                        if (!started)
                        {
                            await host.StartAsync(ct); // applies the storage schema (and demo content where configured)
                            started = true;
                        }

                        return ActivatorUtilities.GetServiceOrCreateInstance<FeedbackImporter>(scope.ServiceProvider);
                    });
                    var exit = await command.RunAsync([.. args[1..].Where(a => !IsHostSetting(a))], output, error, cancellationToken);
                    if (started)
                    {
                        await host.StopAsync(cancellationToken);
                    }

                    return exit;
                }

            case "migrate-storage":
                {
                    // Host settings (--Storage:Cosmos:…=…) go to the configuration both stores start from; the rest to the command.
                    // Only warnings and errors from the stores (appsettings' Information level would print every SQL command).
                    using var host = BuildCommandHost([.. args[1..].Where(IsHostSetting)]);
                    using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
                    return await StorageMigrationCommand.RunAsync(
                        [.. args[1..].Where(a => !IsHostSetting(a))], host.Services.GetRequiredService<IConfiguration>(),
                        loggerFactory, output, error, configure: null, cancellationToken);
                }

            default:
                await error.WriteLineAsync($"Unknown command '{args[0]}'. Commands: {string.Join(", ", Commands)}. Without a command the bot starts.");
                return 2;
        }
    }

    private static bool IsHostSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf(':', StringComparison.Ordinal) is > 2 and var colon && arg.IndexOf('=', StringComparison.Ordinal) > colon;

    /// <summary>The services a command needs (configuration, logging, storage), without the web server.</summary>
    private static IHost BuildCommandHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddEngagementStorage(builder.Configuration);
        builder.Services.AddUnderstanding(builder.Configuration);
        builder.Services.AddTextAnalytics(builder.Configuration);
        return builder.Build();
    }
}
