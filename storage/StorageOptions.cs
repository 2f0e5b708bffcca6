using Microsoft.Extensions.Options;

namespace EngagementBot.Storage;

/// <summary>Which database the relational stores use.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file under <see cref="StorageOptions.DataFolder"/> (default, zero configuration).</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql, at <see cref="StorageOptions.ConnectionString"/>.</summary>
    Postgres,

    /// <summary>Azure Cosmos DB (NoSQL API) through Microsoft.Azure.Cosmos, configured under <c>Storage:Cosmos</c>.</summary>
    Cosmos,
}

/// <summary>Storage settings, bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (default), <c>Postgres</c> or <c>Cosmos</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary><c>Storage:DataFolder</c>: folder of the SQLite file, relative to the content root unless absolute; created if missing.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary><c>Storage:DatabaseFileName</c>: the SQLite file name inside the data folder.</summary>
    public string DatabaseFileName { get; set; } = "engagementbot.db";

    /// <summary><c>Storage:ConnectionString</c>: the PostgreSQL connection string (required for Postgres).</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage:BusyTimeoutSeconds</c>: how long a SQLite write waits for the file lock before failing.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary><c>Storage:ApplySchemaOnStartup</c>: apply pending schema scripts when the host starts (default true).</summary>
    public bool ApplySchemaOnStartup { get; set; } = true;

    /// <summary>
    /// <c>Storage:SeedDemoContent</c>: when the store holds no project at start-up, import the shipped demo
    /// content (Rivière-Claire, Parc des Berges) with a fresh timeline (its dates moved to today, see
    /// <see cref="Content.DemoTimeline"/>). A store that holds a project is left as it is. Meant for Development; default false.
    /// </summary>
    public bool SeedDemoContent { get; set; }

    /// <summary>
    /// <c>Storage:ContentCacheDuration</c>: how long projects and consultations read from the store are reused by
    /// this process (default 5 s; <c>00:00:00</c> turns the cache off). Writes through this process clear it at
    /// once; a change written by another instance or by the <c>import</c> command shows within this time.
    /// </summary>
    public TimeSpan ContentCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Validates <see cref="StorageOptions"/> with messages that say which setting to fix and how.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Storage:Provider must be 'Sqlite', 'Postgres' or 'Cosmos'.");
        }

        if (options.Provider == StorageProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(options.DataFolder))
            {
                failures.Add("Storage:DataFolder is empty: set it to a folder for the SQLite file (e.g. 'data'), or remove it to use the default.");
            }

            if (string.IsNullOrWhiteSpace(options.DatabaseFileName) || options.DatabaseFileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                failures.Add("Storage:DatabaseFileName must be a plain file name such as 'engagementbot.db'.");
            }
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Storage:ConnectionString is required when Storage:Provider is 'Postgres' " +
                "(e.g. 'Host=127.0.0.1;Port=5432;Database=engagementbot;Username=bot'); keep the password in user-secrets or an environment variable.");
        }

        if (options.ContentCacheDuration < TimeSpan.Zero || options.ContentCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Storage:ContentCacheDuration is {options.ContentCacheDuration}; set it between 00:00:00 (no cache) and 01:00:00.");
        }

        if (options.BusyTimeoutSeconds is < 1 or > 600)
        {
            failures.Add("Storage:BusyTimeoutSeconds must be between 1 and 600.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
