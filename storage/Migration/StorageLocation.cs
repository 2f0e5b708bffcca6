namespace EngagementBot.Storage.Migration;

/// <summary>
/// One side of <c>migrate-storage</c>, as written on the command line: <c>sqlite:&lt;data folder or .db file&gt;</c>,
/// <c>postgres:&lt;connection string&gt;</c>, or <c>cosmos</c> / <c>cosmos:&lt;database&gt;</c> (the account and the
/// other <c>Storage:Cosmos</c> settings come from configuration: appsettings, environment, <c>--Storage:Cosmos:…=…</c>).
/// </summary>
/// <param name="Provider">The provider.</param>
/// <param name="Settings">The <c>Storage:…</c> settings that select it, laid over the configuration.</param>
/// <param name="Description">How it is shown in messages.</param>
public sealed record StorageLocation(StorageProvider Provider, IReadOnlyDictionary<string, string?> Settings, string Description)
{
    /// <summary>The accepted forms, for usage messages.</summary>
    public const string Syntax = "sqlite:<data folder or .db file> | postgres:<connection string> | cosmos[:<database>]";

    /// <summary>Parses a location; <see langword="null"/> with <paramref name="error"/> when it is not one.</summary>
    /// <param name="text">The argument.</param>
    /// <param name="mustExist">For a source: a SQLite file must already be there.</param>
    /// <param name="error">What is wrong, naming the argument.</param>
    public static StorageLocation? Parse(string text, bool mustExist, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = string.Empty;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = (colon < 0 ? text : text[..colon]).ToLowerInvariant();
        var value = colon < 0 ? string.Empty : text[(colon + 1)..];
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Storage:SeedDemoContent"] = "false" };
        switch (scheme)
        {
            case "sqlite" when value.Length == 0:
                error = $"'{text}': give the SQLite data folder or .db file, e.g. sqlite:bot/data or sqlite:bot/data/engagementbot.db.";
                return null;
            case "sqlite":
                {
                    var path = Path.GetFullPath(value);
                    var isFile = File.Exists(path) || (!Directory.Exists(path) && Path.HasExtension(path));
                    var folder = isFile ? Path.GetDirectoryName(path)! : path;
                    var file = isFile ? Path.GetFileName(path) : new StorageOptions().DatabaseFileName;
                    if (mustExist && !File.Exists(Path.Combine(folder, file)))
                    {
                        error = $"'{text}': no SQLite database at {Path.Combine(folder, file)}.";
                        return null;
                    }

                    settings["Storage:Provider"] = nameof(StorageProvider.Sqlite);
                    settings["Storage:DataFolder"] = folder;
                    settings["Storage:DatabaseFileName"] = file;
                    return new StorageLocation(StorageProvider.Sqlite, settings, "SQLite " + Path.Combine(folder, file));
                }

            case "postgres" or "postgresql" when value.Length == 0:
                error = $"'{text}': give the connection string, e.g. \"postgres:Host=localhost;Database=engagementbot;Username=bot\".";
                return null;
            case "postgres" or "postgresql":
                settings["Storage:Provider"] = nameof(StorageProvider.Postgres);
                settings["Storage:ConnectionString"] = value;
                return new StorageLocation(StorageProvider.Postgres, settings, "PostgreSQL");
            case "cosmos":
                settings["Storage:Provider"] = nameof(StorageProvider.Cosmos);
                if (value.Length > 0)
                {
                    settings["Storage:Cosmos:DatabaseName"] = value;
                }

                return new StorageLocation(StorageProvider.Cosmos, settings, "Cosmos DB" + (value.Length > 0 ? " database " + value : string.Empty));
            default:
                error = $"'{text}' is not a storage location: use {Syntax}.";
                return null;
        }
    }
}
