using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Tests.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Relational;

/// <summary>
/// Projects and consultations are read through a process cache: what this process writes is seen at once, what
/// another process (a second bot instance, the import command) writes is seen within Storage:ContentCacheDuration.
/// </summary>
public sealed class ContentCacheTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly ManualTimeProvider _time = new(StorageHost.Start);
    private ServiceProvider? _instanceA;
    private ServiceProvider? _instanceB;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path };
        _instanceA = await StorageHost.StartAsync(settings, _time);
        _instanceB = await StorageHost.StartAsync(settings, _time);
    }

    public async Task DisposeAsync()
    {
        await _instanceA!.DisposeAsync();
        await _instanceB!.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_change_made_by_this_process_is_read_at_once()
    {
        var saved = await SaveAsync(_instanceA!, StoreConformanceTests.SampleProject("parc"));
        Assert.Equal("Park parc", (await GetAsync(_instanceA!, "parc"))!.Title.En);

        await SaveAsync(_instanceA!, saved with { Title = new LocalizedText("Parc renommé", "Renamed park") });

        Assert.Equal("Renamed park", (await GetAsync(_instanceA!, "parc"))!.Title.En);
        Assert.Single((await ListAsync(_instanceA!)).Items);
    }

    [Fact]
    public async Task A_change_made_by_another_process_is_read_once_the_cache_duration_has_passed()
    {
        var saved = await SaveAsync(_instanceB!, StoreConformanceTests.SampleProject("parc"));
        Assert.Equal("Park parc", (await GetAsync(_instanceA!, "parc"))!.Title.En);
        Assert.Single((await ListAsync(_instanceA!)).Items);

        await SaveAsync(_instanceB!, saved with { Title = new LocalizedText("Parc renommé", "Renamed park") });
        await SaveAsync(_instanceB!, StoreConformanceTests.SampleProject("piste"));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("Park parc", (await GetAsync(_instanceA!, "parc"))!.Title.En);
        Assert.Single((await ListAsync(_instanceA!)).Items);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("Renamed park", (await GetAsync(_instanceA!, "parc"))!.Title.En);
        Assert.Equal(2, (await ListAsync(_instanceA!)).Items.Count);
    }

    [Fact]
    public async Task With_a_zero_duration_every_read_goes_to_the_store()
    {
        await using var uncached = await StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path, ["Storage:ContentCacheDuration"] = "00:00:00" }, _time);
        var saved = await SaveAsync(_instanceB!, StoreConformanceTests.SampleProject("parc"));
        Assert.Equal("Park parc", (await GetAsync(uncached, "parc"))!.Title.En);

        await SaveAsync(_instanceB!, saved with { Title = new LocalizedText("Parc renommé", "Renamed park") });

        Assert.Equal("Renamed park", (await GetAsync(uncached, "parc"))!.Title.En);
    }

    private static async Task<Project> SaveAsync(IServiceProvider services, Project project)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProjectStore>().SaveAsync(project, CancellationToken.None);
    }

    private static async Task<Project?> GetAsync(IServiceProvider services, string slug)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync(slug, CancellationToken.None);
    }

    private static async Task<Page<Project>> ListAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProjectStore>().ListAsync(PageRequest.First(), CancellationToken.None);
    }
}
