using System.Collections.ObjectModel;
using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace EngagementBot.Storage.Cosmos;

/// <summary>The Cosmos DB client (one per process) and the two containers the stores use.</summary>
internal sealed class CosmosDatabase : IDisposable
{
    private CosmosDatabase(CosmosClient client, CosmosStorageOptions options)
    {
        Client = client;
        Options = options;
        State = client.GetContainer(options.DatabaseName, options.StateContainer);
        Items = client.GetContainer(options.DatabaseName, options.ItemsContainer);
    }

    /// <summary>The client.</summary>
    public CosmosClient Client { get; }

    /// <summary>The options it was built from.</summary>
    public CosmosStorageOptions Options { get; }

    /// <summary>Conversation state: partition key <c>/id</c>, default TTL.</summary>
    public Container State { get; }

    /// <summary>Every other document: partition key <c>/pk</c>.</summary>
    public Container Items { get; }

    /// <summary>Process-wide cache of immutable id → location lookups.</summary>
    public CosmosLookupCache Lookups { get; } = new();

    /// <summary>Builds the client from the options (and the optional test/customization hooks).</summary>
    public static CosmosDatabase Create(CosmosStorageOptions options, IEnumerable<CosmosClientCustomization> customizations)
    {
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "EngagementBot",
            ConnectionMode = options.ConnectionMode,
            LimitToEndpoint = options.LimitToEndpoint,
            EnableContentResponseOnWrite = false,
        };
        if (!string.IsNullOrWhiteSpace(options.ApplicationRegion))
        {
            clientOptions.ApplicationRegion = options.ApplicationRegion;
        }

        foreach (var customization in customizations)
        {
            customization.Configure(clientOptions);
        }

        var endpoint = options.AccountEndpoint!.AbsoluteUri;
        var client = options.Authentication switch
        {
            CosmosAuthentication.AccountKey => new CosmosClient(endpoint, options.AccountKey, clientOptions),
            CosmosAuthentication.ManagedIdentity => new CosmosClient(endpoint, ManagedIdentity(options.ManagedIdentityClientId), clientOptions),
            _ => new CosmosClient(endpoint, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId }), clientOptions),
        };
        return new CosmosDatabase(client, options);
    }

    /// <summary>Creates the database and both containers when missing (needs key auth or control-plane rights).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var throughput = Options.ThroughputPerContainer;
        var database = (await Client.CreateDatabaseIfNotExistsAsync(Options.DatabaseName, cancellationToken: cancellationToken)).Database;

        // State: point reads and writes only, so nothing but the id is indexed (cheaper writes); idle documents expire.
        // TTL is always on (-1 = on, no default expiry) so each document's own "ttl" applies (a container without
        // DefaultTimeToLive ignores it); the default also expires documents written before they carried "ttl".
        var state = new ContainerProperties(Options.StateContainer, "/id")
        {
            DefaultTimeToLive = Options.StateDocumentTimeToLive,
            IndexingPolicy = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true },
        };
        state.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        var existing = (await database.CreateContainerIfNotExistsAsync(state, throughput, cancellationToken: cancellationToken)).Resource;
        if (existing.DefaultTimeToLive != state.DefaultTimeToLive)
        {
            // The TTL setting changed since the container was created: apply it (a container property, no data rewrite).
            existing.DefaultTimeToLive = state.DefaultTimeToLive;
            await State.ReplaceContainerAsync(existing, cancellationToken: cancellationToken);
        }

        // Items: only the envelope fields that single-partition queries filter and sort on are indexed; the domain document is not.
        var items = new ContainerProperties(Options.ItemsContainer, "/pk") { IndexingPolicy = new IndexingPolicy { Automatic = true } };
        foreach (var path in IndexedPaths)
        {
            items.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = path });
        }

        items.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        await database.CreateContainerIfNotExistsAsync(items, throughput, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The state container's <c>DefaultTimeToLive</c> as the service reports it (<see langword="null"/> = TTL off, so
    /// documents never expire whatever their <c>ttl</c>; -1 = on without a default; n = seconds).
    /// </summary>
    public async Task<int?> ReadStateDefaultTimeToLiveAsync(CancellationToken cancellationToken) =>
        (await State.ReadContainerAsync(cancellationToken: cancellationToken)).Resource.DefaultTimeToLive;

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    /// <summary>The indexed envelope fields of the items container.</summary>
    internal static ReadOnlyCollection<string> IndexedPaths { get; } = new(
        ["/pk/?", "/type/?", "/key/?", "/projectSlug/?", "/participantId/?", "/status/?", "/news/?", "/results/?", "/events/?"]);

    private static TokenCredential ManagedIdentity(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
