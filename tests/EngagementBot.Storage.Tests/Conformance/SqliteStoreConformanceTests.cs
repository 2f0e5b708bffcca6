using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>The conformance suite on a real SQLite file in a temporary folder (one file per test).</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests
{
    private readonly TempFolder _folder = new();

    internal override Task<ServiceProvider> CreateStorageAsync(ManualTimeProvider clock) =>
        StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataFolder"] = _folder.Path },
            clock);

    protected override Task DestroyStorageAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
