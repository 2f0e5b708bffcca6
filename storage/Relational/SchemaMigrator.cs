using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Storage.Relational;

/// <summary>One ordered schema script of a provider.</summary>
/// <param name="Version">Schema version the script brings the database to (1, 2, 3…).</param>
/// <param name="Name">The script's name, e.g. <c>001_initial</c>.</param>
/// <param name="Sql">The SQL.</param>
internal sealed record SchemaScript(int Version, string Name, string Sql);

/// <summary>
/// Schema versioning without EF Core migrations (the EF design tools are not available to us).
/// <para>
/// How it works: each provider has ordered SQL scripts embedded in this assembly
/// (<c>Relational/Schema/{Sqlite|Postgres}/NNN_name.sql</c>). The database records the versions it has
/// applied in a <c>__schema_version</c> table. At start-up the migrator applies, in order, every script
/// whose number is higher than the recorded maximum, each in its own transaction together with its
/// version row, so a crash leaves the database at a whole version. The transaction holds the write lock
/// (SQLite <c>BEGIN IMMEDIATE</c>, PostgreSQL <c>LOCK TABLE</c>) and re-reads the version, so two
/// instances starting together apply each script once. A database newer than this build refuses to start.
/// </para>
/// <para>
/// Script 001 is EF Core's own <c>GenerateCreateScript()</c> for the model at the time it was written;
/// later changes to the model need a new script per provider (ALTER/CREATE statements). The test
/// <c>SchemaScriptTests</c> builds a database from the scripts and one from the current EF model and
/// fails when they differ, so a model change without its script cannot go unnoticed.
/// </para>
/// </summary>
internal sealed class SchemaMigrator(RelationalSession session, RelationalDatabase database, TimeProvider timeProvider, ILogger<SchemaMigrator> logger)
{
    /// <summary>Name of the version table.</summary>
    public const string VersionTable = "__schema_version";

    /// <summary>The scripts of a provider, ordered by version.</summary>
    public static IReadOnlyList<SchemaScript> ScriptsFor(StorageProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Relational.Schema.{provider}.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema scripts for {provider} must be numbered 1, 2, 3… without gaps; found {scripts[i].Name}.");
            }
        }

        return scripts;
    }

    /// <summary>Brings the database to the latest schema version and returns that version.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var scripts = ScriptsFor(database.Provider);
        var latest = scripts.Count;
        await using (await session.OpenAsync(cancellationToken))
        {
            if (database.Provider == StorageProvider.Sqlite)
            {
                await ExecuteAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }

            await ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS {VersionTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at_utc_ticks bigint NOT NULL);",
                cancellationToken);

            var current = await ReadVersionAsync(cancellationToken);
            if (current > latest)
            {
                throw new InvalidOperationException(
                    $"The database schema is at version {current} but this build knows versions up to {latest}. Deploy a newer build (or restore a matching backup).");
            }

            foreach (var script in scripts.Where(s => s.Version > current))
            {
                var applied = await session.InTransactionAsync(ct => ApplyAsync(script, ct), cancellationToken);
                if (applied)
                {
                    logger.LogInformation("Applied storage schema script {Script} ({Provider})", script.Name, database.Provider);
                }
            }

            return latest;
        }
    }

    private async Task<bool> ApplyAsync(SchemaScript script, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Postgres)
        {
            await ExecuteAsync($"LOCK TABLE {VersionTable} IN EXCLUSIVE MODE;", cancellationToken);
        }

        if (await ReadVersionAsync(cancellationToken) >= script.Version)
        {
            return false; // another instance applied it while we waited for the lock
        }

        await ExecuteAsync(script.Sql, cancellationToken);
        await using var record = session.CreateCommand($"INSERT INTO {VersionTable} (version, name, applied_at_utc_ticks) VALUES (@version, @name, @at);");
        record.AddParameter("@version", script.Version);
        record.AddParameter("@name", script.Name);
        record.AddParameter("@at", timeProvider.GetUtcNow().UtcTicks);
        await record.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private async Task<int> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand($"SELECT COALESCE(MAX(version), 0) FROM {VersionTable};");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
