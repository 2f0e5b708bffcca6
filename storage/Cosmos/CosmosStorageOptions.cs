using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage.Cosmos;

/// <summary>How the Cosmos DB client authenticates.</summary>
public enum CosmosAuthentication
{
    /// <summary>Microsoft Entra ID through <c>DefaultAzureCredential</c> (managed identity in Azure, developer sign-in locally).</summary>
    DefaultAzureCredential,

    /// <summary>A managed identity (<c>ManagedIdentityCredential</c>); user-assigned when <see cref="CosmosStorageOptions.ManagedIdentityClientId"/> is set.</summary>
    ManagedIdentity,

    /// <summary>The account key in <see cref="CosmosStorageOptions.AccountKey"/>.</summary>
    AccountKey,
}

/// <summary>Cosmos DB settings, bound from <c>Storage:Cosmos</c> (used when <c>Storage:Provider</c> is <c>Cosmos</c>).</summary>
public sealed class CosmosStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage:Cosmos";

    /// <summary><c>Storage:Cosmos:AccountEndpoint</c>: the account URI, e.g. <c>https://myaccount.documents.azure.com:443/</c>.</summary>
    public Uri? AccountEndpoint { get; set; }

    /// <summary><c>Storage:Cosmos:Authentication</c>: <c>DefaultAzureCredential</c> (default), <c>ManagedIdentity</c> or <c>AccountKey</c>.</summary>
    public CosmosAuthentication Authentication { get; set; } = CosmosAuthentication.DefaultAzureCredential;

    /// <summary><c>Storage:Cosmos:AccountKey</c>: the account key (only with <c>AccountKey</c>; keep it in user-secrets or Key Vault).</summary>
    public string? AccountKey { get; set; }

    /// <summary><c>Storage:Cosmos:ManagedIdentityClientId</c>: client id of a user-assigned managed identity (optional).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary><c>Storage:Cosmos:DatabaseName</c>: the database (default <c>engagementbot</c>).</summary>
    public string DatabaseName { get; set; } = "engagementbot";

    /// <summary><c>Storage:Cosmos:ConnectionMode</c>: <c>Direct</c> (default, TCP to replicas) or <c>Gateway</c> (HTTPS only, for restrictive networks and the emulator).</summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Direct;

    /// <summary><c>Storage:Cosmos:LimitToEndpoint</c>: never discover other regions' endpoints (emulators, single-region private endpoints).</summary>
    public bool LimitToEndpoint { get; set; }

    /// <summary><c>Storage:Cosmos:ApplicationRegion</c>: preferred Azure region (e.g. <c>Canada Central</c>), optional.</summary>
    public string? ApplicationRegion { get; set; }

    /// <summary><c>Storage:Cosmos:CreateContainersOnStartup</c>: create the database and containers if missing when the host starts (default true).</summary>
    public bool CreateContainersOnStartup { get; set; } = true;

    /// <summary>
    /// <c>Storage:Cosmos:StateTimeToLiveSeconds</c>: idle conversation state expires after this many seconds (default
    /// 30 days; 0 = never). Every state document carries it as <c>ttl</c>, counted by Cosmos DB from its last write.
    /// </summary>
    public int StateTimeToLiveSeconds { get; set; } = 30 * 24 * 3600;

    /// <summary>The Cosmos <c>ttl</c> of a state document and the state container's default: the seconds, or -1 (never).</summary>
    internal int StateDocumentTimeToLive => StateTimeToLiveSeconds > 0 ? StateTimeToLiveSeconds : -1;

    /// <summary><c>Storage:Cosmos:ThroughputPerContainer</c>: manual RU/s for containers created at start-up (default: none, for serverless accounts).</summary>
    public int? ThroughputPerContainer { get; set; }

    /// <summary><c>Storage:Cosmos:StateContainer</c>: container of conversation state (default <c>state</c>).</summary>
    public string StateContainer { get; set; } = "state";

    /// <summary><c>Storage:Cosmos:ItemsContainer</c>: container of every other document (default <c>items</c>).</summary>
    public string ItemsContainer { get; set; } = "items";
}

/// <summary>
/// A hook that adjusts the <see cref="CosmosClientOptions"/> before the client is built (register it as a
/// singleton). Tests use it for the emulator's self-signed certificate; production needs none.
/// </summary>
/// <param name="Configure">The adjustment.</param>
public sealed record CosmosClientCustomization(Action<CosmosClientOptions> Configure);

/// <summary>Validates <see cref="CosmosStorageOptions"/> with messages that say which setting to fix and how.</summary>
internal sealed class CosmosStorageOptionsValidator : IValidateOptions<CosmosStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CosmosStorageOptions options)
    {
        var failures = new List<string>();
        if (options.AccountEndpoint is null || !options.AccountEndpoint.IsAbsoluteUri || options.AccountEndpoint.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add("Storage:Cosmos:AccountEndpoint must be the account's https URI, e.g. 'https://myaccount.documents.azure.com:443/'.");
        }

        if (!Enum.IsDefined(options.Authentication))
        {
            failures.Add("Storage:Cosmos:Authentication must be 'DefaultAzureCredential', 'ManagedIdentity' or 'AccountKey'.");
        }

        if (options.Authentication == CosmosAuthentication.AccountKey && !IsBase64(options.AccountKey))
        {
            failures.Add("Storage:Cosmos:AccountKey must be the account's base64 key when Storage:Cosmos:Authentication is 'AccountKey' " +
                "(keep it in user-secrets or an environment variable), or use 'ManagedIdentity'.");
        }

        if (options.Authentication != CosmosAuthentication.AccountKey && !string.IsNullOrEmpty(options.AccountKey))
        {
            failures.Add("Storage:Cosmos:AccountKey is set but Storage:Cosmos:Authentication is not 'AccountKey': remove the key or set Authentication to 'AccountKey'.");
        }

        if (!Enum.IsDefined(options.ConnectionMode))
        {
            failures.Add("Storage:Cosmos:ConnectionMode must be 'Direct' or 'Gateway'.");
        }

        CheckName(options.DatabaseName, "DatabaseName", failures);
        CheckName(options.StateContainer, "StateContainer", failures);
        CheckName(options.ItemsContainer, "ItemsContainer", failures);
        if (string.Equals(options.StateContainer, options.ItemsContainer, StringComparison.Ordinal))
        {
            failures.Add("Storage:Cosmos:StateContainer and Storage:Cosmos:ItemsContainer must differ (they have different partition keys and TTL).");
        }

        if (options.StateTimeToLiveSeconds < 0)
        {
            failures.Add("Storage:Cosmos:StateTimeToLiveSeconds must be 0 (never expire) or a number of seconds, e.g. 2592000 for 30 days.");
        }

        if (options.ThroughputPerContainer is < 400)
        {
            failures.Add("Storage:Cosmos:ThroughputPerContainer must be at least 400 RU/s, or removed for serverless accounts.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckName(string? value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 255 || value.IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            failures.Add($"Storage:Cosmos:{key} must be a name of 1–255 characters without '/', '\\', '?' or '#'.");
        }
    }

    private static bool IsBase64(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        Span<byte> buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
