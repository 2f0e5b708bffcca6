using Microsoft.Extensions.Logging;

namespace EngagementBot.Storage.Content;

/// <summary>
/// Seeds the shipped demo content (<c>Storage:SeedDemoContent</c>) into a store that holds no project, with a fresh
/// timeline (<see cref="DemoTimeline.FreshAt"/> the <see cref="TimeProvider"/>'s now): whenever it is seeded, the
/// consultation is open and the next events are ahead. A store that holds a project is never touched, so a demo
/// seeded earlier keeps its dates; delete the store (the SQLite data folder) for a fresh one.
/// </summary>
internal sealed class DemoContentSeeder(IProjectStore projects, ContentImporter importer, TimeProvider timeProvider, ILogger<DemoContentSeeder> logger)
{
    /// <summary>Imports the demo unless a project is stored; throws if the demo content has problems.</summary>
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        var existing = await projects.ListAsync(PageRequest.First(1), cancellationToken);
        if (existing.Items.Count > 0)
        {
            logger.LogInformation(
                "Demo content not seeded: the store already holds projects (a demo seeded earlier keeps its dates; start from an empty store for a fresh one)");
            return;
        }

        var now = timeProvider.GetUtcNow();
        var report = await importer.ImportFolderAsync(ContentImporter.DemoContentFolder, DemoTimeline.FreshAt(now), cancellationToken);
        if (!report.Succeeded)
        {
            foreach (var problem in report.Problems)
            {
                logger.LogError("Demo content problem: {Problem}", problem.ToString());
            }

            throw new InvalidOperationException($"The demo content has {report.Problems.Count} problems (see the log); fix it or set Storage:SeedDemoContent to false.");
        }

        logger.LogInformation("Demo content imported: {Count} items, timeline moved to {Now:yyyy-MM-dd}", report.Created.Count, now);
    }
}
