using EngagementBot.Storage.Migration;
using EngagementBot.Storage.Tests.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Migration;

/// <summary><c>migrate-storage</c> from SQLite into Cosmos DB (the local Cosmos-compatible server), read back through the Cosmos stores.</summary>
[Collection(CosmosCollection.Name)]
[Trait("Category", "Cosmos")]
public sealed class StorageMigrationCosmosTests(CosmosEmulator emulator) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sqlite_to_cosmos_copies_everything_and_a_second_run_copies_nothing()
    {
        var source = Path.Combine(_folder.Path, "source");
        await MigrationScenario.SeedAsync(source);
        var database = "t" + Guid.NewGuid().ToString("N");
        var settings = emulator.Settings("unused");
        settings.Remove("Storage:Provider"); // the command's --to chooses the provider; the account comes from Storage:Cosmos:*
        Action<IServiceCollection> trust = s => s.AddSingleton(CosmosEmulator.TrustSelfSignedCertificate);

        var first = await MigrationScenario.RunAsync(settings, trust, "--from", "sqlite:" + source, "--to", "cosmos:" + database);
        Assert.True(first.Exit == 0, first.Output + first.Error);
        var second = await MigrationScenario.RunAsync(settings, trust, "--from", "sqlite:" + source, "--to", "cosmos:" + database);
        Assert.True(second.Exit == 0, second.Output + second.Error);

        await using var sqlite = await MigrationScenario.OpenSqliteAsync(source);
        await using var cosmos = await StorageHost.StartAsync(emulator.Settings(database), TimeProvider.System, configure: trust);
        var keys = await MigrationScenario.InventoryAsync(sqlite);
        foreach (var (kind, count) in StorageMigrationSqliteTests.SeededCounts.Select(row => ((StoredKind)row[0], (int)row[1])))
        {
            Assert.Equal(count, keys[kind].Count);
            Assert.Contains(MigrationScenario.CountsLine(kind, count, count, 0, 0), first.Output, StringComparison.Ordinal);
            Assert.Contains(MigrationScenario.CountsLine(kind, count, 0, count, 0), second.Output, StringComparison.Ordinal);
        }

        Assert.Equal(await MigrationScenario.ReadBackAsync(sqlite, keys), await MigrationScenario.ReadBackAsync(cosmos, keys));

        // The Cosmos listings see the copies once each (no duplicates after two runs).
        await using var scope = cosmos.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var ct = CancellationToken.None;
        Assert.Single((await sp.GetRequiredService<IProjectStore>().ListAsync(PageRequest.First(10), ct)).Items);
        Assert.Equal(3, (await sp.GetRequiredService<IResponseStore>().ListByConsultationAsync(MigrationScenario.Consultation, PageRequest.First(10), ct)).Items.Count);
        Assert.Equal(2, (await sp.GetRequiredService<ICitizenQuestionStore>().ListAsync(null, PageRequest.First(10), ct)).Items.Count);
        var notification = Assert.Single((await sp.GetRequiredService<INotificationStore>().ListByProjectAsync(MigrationScenario.Project, PageRequest.First(10), ct)).Items);
        Assert.Equal(3, (await sp.GetRequiredService<INotificationStore>().ListDeliveriesAsync(notification.Id, PageRequest.First(10), ct)).Items.Count);
        Assert.Equal("p1", Assert.Single((await sp.GetRequiredService<IParticipantStore>().ListSubscribersAsync(MigrationScenario.Project, Domain.SubscriptionTopics.News, PageRequest.First(10), ct)).Items).Id);
        Assert.Equal("p2", Assert.Single((await sp.GetRequiredService<IParticipantStore>().ListSubscribersAsync(MigrationScenario.Project, Domain.SubscriptionTopics.Events, PageRequest.First(10), ct)).Items).Id);
        Assert.NotNull(await sp.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", "29:u3", ct));
        Assert.Equal(2, (await sp.GetRequiredService<IConversationReferenceStore>().ListByParticipantAsync("p1", ct)).Count
            + (await sp.GetRequiredService<IConversationReferenceStore>().ListByParticipantAsync("p2", ct)).Count);
        await StorageMigrationSqliteTests.OutboxIsAsInTheSourceAsync(sqlite, cosmos);
    }
}
