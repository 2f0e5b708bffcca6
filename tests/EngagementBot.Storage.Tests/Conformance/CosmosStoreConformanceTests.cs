using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>
/// The conformance suite on Cosmos DB (the local emulator, a fresh database per test). Cosmos has no multi-document
/// transaction across partitions, so the two atomicity cases assert the documented Cosmos behaviour instead
/// (see <see cref="StoreConformanceTests.StateWritesAreAtomic"/> and <see cref="StoreConformanceTests.TurnsAreAtomic"/>).
/// </summary>
[Collection(CosmosCollection.Name)]
[Trait("Category", "Cosmos")]
public sealed class CosmosStoreConformanceTests(CosmosEmulator emulator) : StoreConformanceTests
{
    /// <inheritdoc />
    protected override bool StateWritesAreAtomic => false;

    /// <inheritdoc />
    protected override bool TurnsAreAtomic => false;

    /// <summary>Reads every document of both containers (read feed, all partitions) as raw JSON.</summary>
    protected override async Task<IReadOnlyList<string>> ScanEverythingAsync()
    {
        var database = Services.GetRequiredService<EngagementBot.Storage.Cosmos.CosmosDatabase>();
        var documents = new List<string>();
        foreach (var container in new[] { database.State, database.Items })
        {
            using var feed = container.GetItemQueryStreamIterator((string?)null);
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync();
                page.EnsureSuccessStatusCode();
                using var json = await System.Text.Json.JsonDocument.ParseAsync(page.Content);
                documents.AddRange(json.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.GetRawText()));
            }
        }

        Assert.Contains(documents, d => d.Contains("\"type\":\"participant\"", StringComparison.Ordinal));
        return documents;
    }

    internal override Task<ServiceProvider> CreateStorageAsync(ManualTimeProvider clock) =>
        StorageHost.StartAsync(emulator.Settings("t" + Guid.NewGuid().ToString("N")), clock, configure: s => s.AddSingleton(CosmosEmulator.TrustSelfSignedCertificate));
}
