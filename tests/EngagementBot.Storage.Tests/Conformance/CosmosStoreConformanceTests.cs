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

    internal override Task<ServiceProvider> CreateStorageAsync(ManualTimeProvider clock) =>
        StorageHost.StartAsync(emulator.Settings("t" + Guid.NewGuid().ToString("N")), clock, configure: s => s.AddSingleton(CosmosEmulator.TrustSelfSignedCertificate));
}
