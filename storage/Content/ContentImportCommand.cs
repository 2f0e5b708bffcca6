using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Content;

/// <summary>
/// The <c>import &lt;folder&gt;</c> command of the host: applies the schema, imports the folder and prints the
/// outcome (problems compiler-style, one per line). Returns the process exit code: 0 imported, 1 problems.
/// </summary>
public static class ContentImportCommand
{
    /// <summary>Runs the import with the host's services (after <c>AddEngagementStorage</c>).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string folder, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<Relational.SchemaMigrator>() is { } migrator)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else if (scope.ServiceProvider.GetService<Cosmos.CosmosDatabase>() is { Options.CreateContainersOnStartup: true } cosmos)
        {
            await cosmos.EnsureCreatedAsync(cancellationToken);
        }

        var report = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportFolderAsync(Path.GetFullPath(folder), cancellationToken);
        if (!report.Succeeded)
        {
            foreach (var problem in report.Problems)
            {
                await output.WriteLineAsync(problem.ToString());
            }

            await output.WriteLineAsync($"{report.Problems.Count} problem(s); nothing was imported.");
            return 1;
        }

        foreach (var (label, items) in new[] { ("created", report.Created), ("updated", report.Updated), ("unchanged", report.Unchanged) })
        {
            foreach (var item in items)
            {
                await output.WriteLineAsync($"{label}: {item}");
            }
        }

        await output.WriteLineAsync($"Imported: {report.Created.Count} created, {report.Updated.Count} updated, {report.Unchanged.Count} unchanged.");
        return 0;
    }
}
