using System.Text.Json;
using EngagementBot.Storage.Cosmos;
using EngagementBot.Storage.Tests.Conformance;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace EngagementBot.Storage.Tests.Cosmos;

/// <summary>
/// Conversation state expiry on Cosmos DB. The local server stores container properties and the documents' <c>ttl</c>
/// field but never deletes expired documents (it has no TTL support), so these tests check what the bot writes and
/// how it sets or checks the container; the actual expiry is the service's job and is not tested here.
/// </summary>
[Collection(CosmosCollection.Name)]
[Trait("Category", "Cosmos")]
public sealed class CosmosStateTimeToLiveTests(CosmosEmulator emulator)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [InlineData("3600", 3600, 3600)]
    [InlineData("0", -1, -1)]
    public async Task State_documents_carry_the_configured_ttl_and_the_container_has_ttl_on(string setting, int documentTtl, int containerTtl)
    {
        var settings = emulator.Settings("t" + Guid.NewGuid().ToString("N"));
        settings["Storage:Cosmos:StateTimeToLiveSeconds"] = setting;
        await using var services = await Start(settings);
        var database = services.GetRequiredService<CosmosDatabase>();
        await using (var scope = services.CreateAsyncScope())
        {
            var state = scope.ServiceProvider.GetRequiredService<IStateStore>();
            var etags = await state.WriteAsync([new StateChange("webchat/conversations/c1", "{\"a\":1}")], Ct);
            await state.WriteAsync([new StateChange("webchat/conversations/c1", "{\"a\":2}", etags["webchat/conversations/c1"])], Ct);
        }

        Assert.Equal(documentTtl, await RawTtl(database, "webchat/conversations/c1"));
        Assert.Equal(containerTtl, await database.ReadStateDefaultTimeToLiveAsync(Ct));
    }

    [Fact]
    public async Task Start_up_without_creating_containers_logs_an_error_when_the_state_container_has_ttl_off()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await CreateContainers(name, stateDefaultTtl: null);
        var settings = emulator.Settings(name);
        settings["Storage:Cosmos:CreateContainersOnStartup"] = "false";

        await using var services = await Start(settings);

        var error = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("has time to live off, so conversation state never expires", error.Message, StringComparison.Ordinal);
        Assert.Contains("az cosmosdb sql container update --ttl -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_without_creating_containers_is_quiet_when_the_state_container_has_ttl_on()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await CreateContainers(name, stateDefaultTtl: -1);
        var settings = emulator.Settings(name);
        settings["Storage:Cosmos:CreateContainersOnStartup"] = "false";

        await using var services = await Start(settings);

        Assert.DoesNotContain(services.GetFakeLogCollector().GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Start_up_without_creating_containers_logs_an_error_when_the_state_container_is_missing()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        var settings = emulator.Settings(name);
        settings["Storage:Cosmos:CreateContainersOnStartup"] = "false";

        await using var services = await Start(settings);

        var error = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("Could not read the settings of Cosmos container state (NotFound)", error.Message, StringComparison.Ordinal);
    }

    private static Task<ServiceProvider> Start(Dictionary<string, string?> settings) =>
        StorageHost.StartAsync(settings, TimeProvider.System, configure: s => s.AddSingleton(CosmosEmulator.TrustSelfSignedCertificate).AddFakeLogging());

    private async Task CreateContainers(string databaseName, int? stateDefaultTtl)
    {
        using var client = new CosmosClient(emulator.Endpoint.AbsoluteUri, CosmosEmulator.WellKnownKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            HttpClientFactory = () => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }),
        });
        Database database = await client.CreateDatabaseAsync(databaseName, cancellationToken: Ct);
        await database.CreateContainerAsync(new ContainerProperties("state", "/id") { DefaultTimeToLive = stateDefaultTtl }, cancellationToken: Ct);
        await database.CreateContainerAsync(new ContainerProperties("items", "/pk"), cancellationToken: Ct);
    }

    private static async Task<int?> RawTtl(CosmosDatabase database, string key)
    {
        var id = CosmosItems.ToId(key);
        using var response = await database.State.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: Ct);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: Ct);
        return document.RootElement.TryGetProperty("ttl", out var ttl) ? ttl.GetInt32() : null;
    }
}
