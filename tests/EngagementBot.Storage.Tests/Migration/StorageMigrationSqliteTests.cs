using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Migration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Migration;

/// <summary><c>migrate-storage</c> from SQLite to SQLite, its arguments, conflicts, and the schema it must cover.</summary>
public sealed class StorageMigrationSqliteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Source => Path.Combine(_folder.Path, "source");

    private string Target => Path.Combine(_folder.Path, "target");

    public static readonly TheoryData<StoredKind, int> SeededCounts = new()
    {
        { StoredKind.Projects, 1 }, { StoredKind.Consultations, 1 }, { StoredKind.Participants, 3 }, { StoredKind.ConversationReferences, 3 },
        { StoredKind.Responses, 3 }, { StoredKind.CitizenQuestions, 2 }, { StoredKind.Notifications, 1 }, { StoredKind.Deliveries, 3 }, { StoredKind.State, 4 },
    };

    [Fact]
    public async Task Sqlite_to_sqlite_copies_everything_and_a_second_run_copies_nothing()
    {
        await MigrationScenario.SeedAsync(Source);

        var first = await MigrationScenario.RunAsync(null, null, "--from", "sqlite:" + Source, "--to", "sqlite:" + Path.Combine(Target, "copy.db"));
        Assert.True(first.Exit == 0, first.Output + first.Error);
        var second = await MigrationScenario.RunAsync(null, null, "--from=sqlite:" + Path.Combine(Source, "engagementbot.db"), "--to=sqlite:" + Path.Combine(Target, "copy.db"));
        Assert.True(second.Exit == 0, second.Output + second.Error);

        await using var source = await MigrationScenario.OpenSqliteAsync(Source);
        await using var target = await StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:DataFolder"] = Target, ["Storage:DatabaseFileName"] = "copy.db" }, TimeProvider.System);
        var keys = await MigrationScenario.InventoryAsync(source);
        foreach (var (kind, count) in SeededCounts.Select(row => ((StoredKind)row[0], (int)row[1])))
        {
            Assert.Equal(count, keys[kind].Count);
            Assert.Contains(MigrationScenario.CountsLine(kind, count, count, 0, 0), first.Output, StringComparison.Ordinal);
            Assert.Contains(MigrationScenario.CountsLine(kind, count, 0, count, 0), second.Output, StringComparison.Ordinal);
        }

        Assert.Equal(keys, await MigrationScenario.InventoryAsync(target)); // nothing more, nothing less, no duplicates
        Assert.Equal(await MigrationScenario.ReadBackAsync(source, keys), await MigrationScenario.ReadBackAsync(target, keys));
        await OutboxIsAsInTheSourceAsync(source, target);
    }

    /// <summary>The target's dispatcher gets exactly the deliveries still to send (pending, or leased by a dispatcher gone), never a sent one.</summary>
    internal static async Task OutboxIsAsInTheSourceAsync(IServiceProvider source, IServiceProvider target)
    {
        var keys = await MigrationScenario.InventoryAsync(source);
        await using var scope = source.CreateAsyncScope();
        var unsent = new List<string>();
        foreach (var id in keys[StoredKind.Deliveries])
        {
            var delivery = (await scope.ServiceProvider.GetRequiredService<INotificationStore>().GetDeliveryAsync(id, CancellationToken.None))!;
            if (delivery.Status != DeliveryStatus.Sent)
            {
                unsent.Add(delivery.Id);
            }
        }

        Assert.Equal(2, unsent.Count);
        await using var targetScope = target.CreateAsyncScope();
        var claimed = await targetScope.ServiceProvider.GetRequiredService<INotificationStore>()
            .ClaimDueDeliveriesAsync("new-dispatcher", StorageHost.Start.AddHours(1), TimeSpan.FromMinutes(1), 100, CancellationToken.None);
        Assert.Equal(unsent.Order(StringComparer.Ordinal), claimed.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Conflicting_data_in_the_target_is_reported_left_alone_and_fails_the_run()
    {
        await MigrationScenario.SeedAsync(Source);
        Project theirs;
        await using (var target = await MigrationScenario.OpenSqliteAsync(Target))
        await using (var scope = target.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProjectStore>();
            await using var source = await MigrationScenario.OpenSqliteAsync(Source);
            await using var sourceScope = source.CreateAsyncScope();
            var project = (await sourceScope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync(MigrationScenario.Project, CancellationToken.None))!;
            theirs = await store.SaveAsync(project with { ETag = null, Title = new LocalizedText("Autre", "Other") }, CancellationToken.None);
        }

        var run = await MigrationScenario.RunAsync(null, null, "--from", "sqlite:" + Source, "--to", "sqlite:" + Target);

        Assert.Equal(1, run.Exit);
        Assert.Contains("1 item(s) are already in the target with other content", run.Error, StringComparison.Ordinal);
        Assert.Contains($"projects {MigrationScenario.Project}: the target holds it with other content", run.Error, StringComparison.Ordinal);
        Assert.Contains(MigrationScenario.CountsLine(StoredKind.Projects, 1, 0, 0, 1), run.Output, StringComparison.Ordinal);
        Assert.Contains(MigrationScenario.CountsLine(StoredKind.Participants, 3, 3, 0, 0), run.Output, StringComparison.Ordinal);
        await using var after = await MigrationScenario.OpenSqliteAsync(Target);
        await using var afterScope = after.CreateAsyncScope();
        Assert.Equal("Autre", (await afterScope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync(MigrationScenario.Project, CancellationToken.None))!.Title.Fr);
        Assert.Equal(theirs.ETag, (await afterScope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync(MigrationScenario.Project, CancellationToken.None))!.ETag);
    }

    [Theory]
    [InlineData("", "Both --from and --to are required.")]
    [InlineData("--from sqlite:{source}", "Both --from and --to are required.")]
    [InlineData("--from sqlite:{source} --to", "--to needs a location.")]
    [InlineData("--from sqlite:{source} --to sqlite:{target} --from sqlite:{target}", "--from is given twice.")]
    [InlineData("--from sqlite:{source} --to mysql:x", "'mysql:x' is not a storage location: use sqlite:")]
    [InlineData("--from sqlite:{target} --to cosmos", "no SQLite database at")]
    [InlineData("--from cosmos --to sqlite:{target}", "Cosmos DB cannot be the source")]
    [InlineData("--from sqlite:{source} --to sqlite:{source}/engagementbot.db", "--from and --to are the same store.")]
    [InlineData("--from sqlite:{source} --to postgres:", "give the connection string")]
    [InlineData("--from sqlite:{source} --to cosmos --dry-run", "Unknown argument '--dry-run'.")]
    [InlineData("--from sqlite:{source} --to cosmos", "Storage:Cosmos:AccountEndpoint must be the account's https URI")]
    public async Task Bad_arguments_or_settings_exit_with_2_and_say_what_is_wrong(string arguments, string message)
    {
        await (await MigrationScenario.OpenSqliteAsync(Source)).DisposeAsync();
        var args = arguments.Replace("{source}", Source, StringComparison.Ordinal).Replace("{target}", Target, StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var run = await MigrationScenario.RunAsync(null, null, args);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Target, "engagementbot.db")), "a bad command must not create the target");
    }

    [Fact]
    public async Task Every_table_of_the_schema_is_covered_by_the_migration()
    {
        await (await MigrationScenario.OpenSqliteAsync(Source)).DisposeAsync();
        var tables = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Source, "engagementbot.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__schema_version'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var uncovered = tables.Where(t => !StorageMigration.TablesCovered.ContainsKey(t)).ToArray();
        Assert.True(uncovered.Length == 0, "tables StorageMigration does not copy (add them to a kind, and to TablesCovered): " + string.Join(", ", uncovered));
        Assert.Equal(tables.Order(StringComparer.Ordinal), StorageMigration.TablesCovered.Keys.Order(StringComparer.Ordinal));
    }
}
