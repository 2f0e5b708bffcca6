using EngagementBot.Storage.Cosmos;
using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Tests.Conformance;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage.Tests.Cosmos;

/// <summary>Cosmos-specific behaviour beyond the conformance suite: settings, container design, id escaping, crash recovery.</summary>
[Collection(CosmosCollection.Name)]
[Trait("Category", "Cosmos")]
public sealed class CosmosStorageTests(CosmosEmulator emulator) : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private ServiceProvider _services = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var settings = emulator.Settings("t" + Guid.NewGuid().ToString("N"));
        settings["Storage:Cosmos:StateTimeToLiveSeconds"] = "3600";
        _services = await StorageHost.StartAsync(settings, TimeProvider.System, configure: s => s.AddSingleton(CosmosEmulator.TrustSelfSignedCertificate));
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Theory]
    [InlineData("AccountEndpoint", null, "Storage:Cosmos:AccountEndpoint must be the account's https URI")]
    [InlineData("AccountEndpoint", "http://127.0.0.1:8081/", "Storage:Cosmos:AccountEndpoint must be the account's https URI")]
    [InlineData("AccountKey", "not base64!", "Storage:Cosmos:AccountKey must be the account's base64 key")]
    [InlineData("Authentication", "ManagedIdentity", "Storage:Cosmos:AccountKey is set but Storage:Cosmos:Authentication is not 'AccountKey'")]
    [InlineData("StateTimeToLiveSeconds", "-5", "Storage:Cosmos:StateTimeToLiveSeconds must be 0")]
    [InlineData("ItemsContainer", "state", "Storage:Cosmos:StateContainer and Storage:Cosmos:ItemsContainer must differ")]
    [InlineData("DatabaseName", "a/b", "Storage:Cosmos:DatabaseName must be a name")]
    [InlineData("ThroughputPerContainer", "100", "Storage:Cosmos:ThroughputPerContainer must be at least 400")]
    public async Task Invalid_settings_stop_the_host_at_start_with_the_setting_named(string key, string? value, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = emulator.Settings("unused");
        settings["Storage:Cosmos:" + key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEngagementStorage(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_creates_the_containers_with_their_partition_keys_and_the_state_ttl()
    {
        var database = _services.GetRequiredService<CosmosDatabase>();

        ContainerProperties state = await database.State.ReadContainerAsync();
        ContainerProperties items = await database.Items.ReadContainerAsync();

        Assert.Equal("/id", state.PartitionKeyPath);
        Assert.Equal(3600, state.DefaultTimeToLive);
        Assert.Equal("/pk", items.PartitionKeyPath);
        Assert.IsType<CosmosStateStore>(_services.CreateScope().ServiceProvider.GetRequiredService<IStateStore>());
    }

    [Fact]
    public async Task A_changed_state_ttl_is_applied_to_the_existing_container_at_start_up()
    {
        var database = _services.GetRequiredService<CosmosDatabase>();
        var settings = emulator.Settings(database.Options.DatabaseName);
        settings["Storage:Cosmos:StateTimeToLiveSeconds"] = "0";

        await using (await StorageHost.StartAsync(settings, TimeProvider.System, configure: s => s.AddSingleton(CosmosEmulator.TrustSelfSignedCertificate)))
        {
        }

        ContainerProperties state = await database.State.ReadContainerAsync();
        Assert.Equal(-1, state.DefaultTimeToLive);
    }

    [Fact]
    public async Task Keys_with_characters_forbidden_in_cosmos_ids_round_trip_and_stay_distinct()
    {
        string[] keys = ["webchat/conversations/a b/users/u", "webchat!sconversations", "q?x#y%z\\w!", new string('k', 300) + "/1", new string('k', 300) + "/2"];
        await using var scope = _services.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<IStateStore>();

        await state.WriteAsync(keys.Select((k, i) => new StateChange(k, $"{{\"i\":{i}}}")).ToList(), Ct);
        var read = await state.ReadAsync(keys, Ct);

        Assert.Equal(keys.Length, keys.Select(CosmosItems.ToId).Distinct().Count());
        Assert.All(keys.Select(CosmosItems.ToId), id => Assert.True(id.Length <= 255 && id.IndexOfAny(['/', '\\', '?', '#', '%']) < 0, id));
        Assert.Equal(keys.Select((_, i) => $"{{\"i\":{i}}}"), keys.Select(k => read[k].Json));
    }

    [Fact]
    public async Task Fan_out_rerun_completes_a_delivery_whose_key_was_claimed_before_a_crash()
    {
        var database = _services.GetRequiredService<CosmosDatabase>();
        var delivery = new Delivery
        {
            Id = Ids.New(),
            NotificationId = "n1",
            ParticipantId = "p1",
            ConversationReferenceId = "r1",
            IdempotencyKey = "n1:r1",
            CreatedAt = StorageHost.Start,
            UpdatedAt = StorageHost.Start,
        };

        // The first run claimed the idempotency key and stopped before writing the delivery.
        await CosmosItems.ClaimLookupAsync(database, "delivery-key|n1:r1", new CosmosLocation("deliveries|n1", delivery.Id), Ct);
        await using var scope = _services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();

        Assert.Equal(1, await store.AddDeliveriesAsync([delivery with { Id = Ids.New() }], Ct));
        Assert.Equal(0, await store.AddDeliveriesAsync([delivery with { Id = Ids.New() }], Ct));
        Assert.Equal(delivery.Id, (await store.FindDeliveryByIdempotencyKeyAsync("n1:r1", Ct))!.Id);
        Assert.Equal(delivery.Id, Assert.Single(await store.ListDeliveriesByParticipantAsync("p1", Ct)).Id);
    }

    [Fact]
    public async Task A_channel_identity_left_claimed_by_a_vanished_participant_can_be_taken_again()
    {
        await using var scope = _services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IParticipantStore>();
        var database = _services.GetRequiredService<CosmosDatabase>();
        await store.SaveAsync(StoreConformanceTests.SampleParticipant("p1", "29:u"), Ct);

        // p1's document disappears but its account lookup stays (a crash in the middle of a delete).
        await CosmosItems.DeleteAsync(database.Items, "participant|p1", "p1", null, "participant", "p1", Ct);
        var p2 = await store.SaveAsync(StoreConformanceTests.SampleParticipant("p2", "29:u"), Ct);

        Assert.Equal("p2", (await store.FindByChannelAccountAsync("msteams", "29:u", Ct))!.Id);
        Assert.NotNull(p2.ETag);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(StoreConformanceTests.SampleParticipant("p3", "29:u"), Ct));
    }

    [Fact]
    public async Task Demo_content_is_seeded_at_start_up_and_a_second_import_changes_nothing()
    {
        var settings = emulator.Settings("t" + Guid.NewGuid().ToString("N"));
        settings["Storage:SeedDemoContent"] = "true";

        // Seeded on the demo's anchor day, the fresh timeline is the authored one: importing the folder changes nothing.
        var anchorDay = new ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero));
        await using var services = await StorageHost.StartAsync(settings, anchorDay, configure: s => s.AddSingleton(CosmosEmulator.TrustSelfSignedCertificate));
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        var project = await sp.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", Ct);
        var consultation = await sp.GetRequiredService<IConsultationStore>().GetAsync("berges-2026", Ct);
        var again = await sp.GetRequiredService<EngagementBot.Storage.Content.ContentImporter>().ImportFolderAsync(EngagementBot.Storage.Content.ContentImporter.DemoContentFolder, Ct);

        Assert.True(project!.Timeline.Count >= 5);
        Assert.True(consultation!.Questions.Count >= 10);
        Assert.True(again.Succeeded);
        Assert.Empty(again.Created);
        Assert.Equal(project.ETag, (await sp.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", Ct))!.ETag);
    }
}
