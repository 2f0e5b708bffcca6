using EngagementBot.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Storage.Tests.Relational;

/// <summary>Schema versioning, SQLite file settings and storage options validation.</summary>
public sealed class SchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Sqlite_scripts_build_exactly_the_schema_of_the_EF_model()
    {
        var fromScripts = Path.Combine(_folder.Path, "scripts");
        await using (await StartAsync(fromScripts))
        {
        }

        var fromModel = Path.Combine(_folder.Path, "model", "model.db");
        Directory.CreateDirectory(Path.GetDirectoryName(fromModel)!);
        var options = new DbContextOptionsBuilder<EngagementDbContext>().UseSqlite($"Data Source={fromModel}").Options;
        await using (var context = new EngagementDbContext(options))
        {
            await context.Database.EnsureCreatedAsync();
        }

        var expected = ReadSchema(fromModel);
        var actual = ReadSchema(Path.Combine(fromScripts, "engagementbot.db"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_provider_has_the_same_numbered_scripts()
    {
        var sqlite = SchemaMigrator.ScriptsFor(StorageProvider.Sqlite);
        var postgres = SchemaMigrator.ScriptsFor(StorageProvider.Postgres);

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Select(s => (s.Version, s.Name)), postgres.Select(s => (s.Version, s.Name)));
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite.Select(s => s.Version));
    }

    [Fact]
    public async Task Starting_twice_applies_each_script_once_and_records_the_version()
    {
        await using (await StartAsync(_folder.Path))
        {
        }

        await using (await StartAsync(_folder.Path))
        {
        }

        var rows = Query(Path.Combine(_folder.Path, "engagementbot.db"), $"SELECT version || ':' || name FROM {SchemaMigrator.VersionTable} ORDER BY version");
        Assert.Equal(SchemaMigrator.ScriptsFor(StorageProvider.Sqlite).Select(s => $"{s.Version}:{s.Name}"), rows);
    }

    [Fact]
    public async Task A_database_newer_than_the_build_refuses_to_start()
    {
        await using (await StartAsync(_folder.Path))
        {
        }

        Query(Path.Combine(_folder.Path, "engagementbot.db"), $"INSERT INTO {SchemaMigrator.VersionTable} (version, name, applied_at_utc_ticks) VALUES (999, '999_future', 0)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(_folder.Path));
        Assert.Contains("version 999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_file_is_created_under_the_data_folder_relative_to_the_content_root_in_WAL_mode()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = "data/sub", ["Storage:DatabaseFileName"] = "bot.db" };
        await using (await StorageHost.StartAsync(settings, TimeProvider.System, contentRoot: _folder.Path))
        {
        }

        var file = Path.Combine(_folder.Path, "data", "sub", "bot.db");
        Assert.True(File.Exists(file));
        Assert.Equal(["wal"], Query(file, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Default_settings_put_the_database_in_data_under_the_content_root()
    {
        await using (await StorageHost.StartAsync(new Dictionary<string, string?>(), TimeProvider.System, contentRoot: _folder.Path))
        {
        }

        Assert.True(File.Exists(Path.Combine(_folder.Path, "data", "engagementbot.db")));
    }

    [Theory]
    [InlineData("Postgres", null, "30", null, "Storage:ConnectionString is required")]
    [InlineData("Sqlite", null, "0", null, "Storage:BusyTimeoutSeconds must be between 1 and 600")]
    [InlineData("Sqlite", null, "30", "-00:00:01", "Storage:ContentCacheDuration is -00:00:01")]
    [InlineData("Sqlite", null, "30", "02:00:00", "Storage:ContentCacheDuration is 02:00:00")]
    public async Task Invalid_settings_stop_the_host_at_start_with_the_setting_named(string provider, string? connectionString, string busyTimeout, string? cacheDuration, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _folder.Path, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:BusyTimeoutSeconds"] = busyTimeout,
            ["Storage:ContentCacheDuration"] = cacheDuration,
        });
        builder.Services.AddEngagementStorage(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_with_valid_settings_starts_with_a_migrated_database()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _folder.Path, DisableDefaults = true });
        builder.Services.AddEngagementStorage(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["x"], CancellationToken.None));
        }

        await host.StopAsync();
    }

    [Fact]
    public async Task Demo_content_is_seeded_once_when_asked_and_the_store_is_empty()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path, ["Storage:SeedDemoContent"] = "true" };
        await using (var services = await StorageHost.StartAsync(settings, TimeProvider.System))
        await using (var scope = services.CreateAsyncScope())
        {
            var projects = scope.ServiceProvider.GetRequiredService<IProjectStore>();
            var seeded = await projects.GetAsync("parc-des-berges", CancellationToken.None);
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IConsultationStore>().GetAsync("berges-2026", CancellationToken.None));
            await projects.SaveAsync(seeded! with { Title = new Domain.LocalizedText("Édité par le personnel", "Edited by staff") }, CancellationToken.None);
        }

        await using (var services = await StorageHost.StartAsync(settings, TimeProvider.System))
        await using (var scope = services.CreateAsyncScope())
        {
            var project = await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", CancellationToken.None);
            Assert.Equal("Edited by staff", project!.Title.En);
        }
    }

    [Fact]
    public async Task Demo_content_is_not_seeded_by_default()
    {
        await using var services = await StorageHost.StartAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path }, TimeProvider.System);
        await using var scope = services.CreateAsyncScope();

        Assert.Empty((await scope.ServiceProvider.GetRequiredService<IProjectStore>().ListAsync(PageRequest.First(), CancellationToken.None)).Items);
    }

    public void Dispose() => _folder.Dispose();

    private static Task<ServiceProvider> StartAsync(string dataFolder) =>
        StorageHost.StartAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = dataFolder }, TimeProvider.System);

    // Whitespace is normalised: ALTER TABLE … ADD COLUMN appends ", <column>" to the stored CREATE TABLE text with other
    // line breaks than EF Core's generator, for the same schema.
    private static List<string> ReadSchema(string file) =>
        Query(file, $"SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '{SchemaMigrator.VersionTable}' ORDER BY type, name")
            .Select(NormalizeWhitespace).ToList();

    private static string NormalizeWhitespace(string sql) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(sql, @"\s+", " "), @"\s*([(),])\s*", "$1");

    private static List<string> Query(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
