using EngagementBot.Storage.Cosmos;
using EngagementBot.Storage.Relational;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage.Migration;

/// <summary>
/// <c>migrate-storage --from &lt;location&gt; --to &lt;location&gt;</c> (<see cref="StorageLocation.Syntax"/>): prepares
/// both stores (schema scripts, or Cosmos containers when <c>Storage:Cosmos:CreateContainersOnStartup</c>), runs
/// <see cref="StorageMigration"/> and prints the counts of each kind. Exit code 0 copied (or already there), 1 conflicts
/// or a store failed, 2 bad arguments or settings.
/// </summary>
public static class StorageMigrationCommand
{
    /// <summary>The usage line.</summary>
    public const string Usage =
        "Usage: dotnet run --project bot -- migrate-storage --from <location> --to <location> [--Storage:Cosmos:<setting>=<value> …]\n" +
        "  <location>: " + StorageLocation.Syntax + "\n" +
        "  e.g. --from sqlite:data --to cosmos   (the Cosmos account from Storage:Cosmos:* settings or Storage__Cosmos__* variables)\n" +
        "  The source must be SQLite or PostgreSQL. Stop the bot first.";

    private const int MaxConflictsShown = 20;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="configuration">Settings both sides start from (e.g. <c>Storage:Cosmos:*</c>); each location's settings are laid over them.</param>
    /// <param name="loggerFactory">Where the stores log.</param>
    /// <param name="output">Progress and counts.</param>
    /// <param name="error">Problems.</param>
    /// <param name="configure">Extra registrations for both sides (tests: the emulator's certificate).</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    public static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, ILoggerFactory loggerFactory, TextWriter output, TextWriter error,
        Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var from, out var to, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        await using var source = Build(from, configuration, loggerFactory, configure);
        await using var target = Build(to, configuration, loggerFactory, configure);
        if ((Validate(source, from) ?? Validate(target, to)) is { } invalid)
        {
            await error.WriteLineAsync(invalid);
            return 2;
        }

        await output.WriteLineAsync($"Copying {from.Description} into {to.Description}");
        MigrationReport report;
        try
        {
            await using var sourceScope = source.CreateAsyncScope();
            await using var targetScope = target.CreateAsyncScope();
            await PrepareAsync(sourceScope.ServiceProvider, cancellationToken);
            await PrepareAsync(targetScope.ServiceProvider, cancellationToken);
            var progress = new Progress(output);
            report = await StorageMigration.CopyAsync(sourceScope.ServiceProvider, targetScope.ServiceProvider, progress, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await error.WriteLineAsync($"The migration stopped: {exception.GetType().Name}: {exception.Message}");
            await error.WriteLineAsync("What was copied stays in the target; fix the cause and run the same command again (it copies only what is missing).");
            return 1;
        }

        var copied = report.Kinds.Sum(k => k.Copied);
        var unchanged = report.Kinds.Sum(k => k.Unchanged);
        await output.WriteLineAsync($"Done: {copied} copied, {unchanged} already there, {report.Conflicts.Count} conflicts.");
        if (report.Succeeded)
        {
            return 0;
        }

        await error.WriteLineAsync(
            $"{report.Conflicts.Count} item(s) are already in the target with other content; they were left as they are and the source's version was not copied:");
        foreach (var conflict in report.Conflicts.Take(MaxConflictsShown))
        {
            await error.WriteLineAsync($"  {Name(conflict.Kind)} {conflict.Key}: {conflict.Reason}");
        }

        if (report.Conflicts.Count > MaxConflictsShown)
        {
            await error.WriteLineAsync($"  … and {report.Conflicts.Count - MaxConflictsShown} more.");
        }

        await error.WriteLineAsync("Migrate into an empty target (a new database, container set or file), or remove those items from the target and run again.");
        return 1;
    }

    /// <summary>The name of a kind in the report (<c>ConversationReferences</c> → <c>conversation references</c>).</summary>
    public static string Name(StoredKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static bool TryParse(string[] args, out StorageLocation from, out StorageLocation to, out string problem)
    {
        string? fromText = null, toText = null;
        from = to = null!;
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], i + 1 < args.Length ? args[++i] : null);
            switch (name)
            {
                case "--from" when fromText is null && value is not null:
                    fromText = value;
                    break;
                case "--to" when toText is null && value is not null:
                    toText = value;
                    break;
                case "--from" or "--to":
                    problem = value is null ? $"{name} needs a location." : $"{name} is given twice.";
                    return false;
                default:
                    problem = $"Unknown argument '{args[i]}'.";
                    return false;
            }
        }

        if (fromText is null || toText is null)
        {
            problem = "Both --from and --to are required.";
            return false;
        }

        if (StorageLocation.Parse(fromText, mustExist: true, out problem) is not { } parsedFrom ||
            StorageLocation.Parse(toText, mustExist: false, out problem) is not { } parsedTo)
        {
            return false;
        }

        if (parsedFrom.Provider == StorageProvider.Cosmos)
        {
            problem = "Cosmos DB cannot be the source: the migration lists everything a source holds with SQL (SQLite or PostgreSQL).";
            return false;
        }

        if (parsedFrom.Provider == parsedTo.Provider && parsedFrom.Settings.OrderBy(s => s.Key).SequenceEqual(parsedTo.Settings.OrderBy(s => s.Key)))
        {
            problem = "--from and --to are the same store.";
            return false;
        }

        (from, to) = (parsedFrom, parsedTo);
        return true;
    }

    private static ServiceProvider Build(StorageLocation location, IConfiguration configuration, ILoggerFactory loggerFactory, Action<IServiceCollection>? configure)
    {
        var settings = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(location.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddLogging();
        configure?.Invoke(services);
        services.AddEngagementStorage(settings);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The settings' validation message (as the host would stop with it), or <see langword="null"/>.</summary>
    private static string? Validate(IServiceProvider services, StorageLocation location)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (location.Provider == StorageProvider.Cosmos)
            {
                _ = services.GetRequiredService<IOptions<CosmosStorageOptions>>().Value;
            }

            return null;
        }
        catch (OptionsValidationException exception)
        {
            return $"{location.Description}: {string.Join(" ", exception.Failures)}";
        }
    }

    private static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<SchemaMigrator>() is { } migrator)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else if (services.GetService<CosmosDatabase>() is { Options.CreateContainersOnStartup: true } cosmos)
        {
            await cosmos.EnsureCreatedAsync(cancellationToken);
        }
    }

    private sealed class Progress(TextWriter output) : IProgress<MigratedKind>
    {
        public void Report(MigratedKind value) => output.WriteLine(
            $"{Name(value.Kind)}: {value.Source} in source, {value.Copied} copied, {value.Unchanged} already there, {value.Conflicts} conflicts");
    }
}
