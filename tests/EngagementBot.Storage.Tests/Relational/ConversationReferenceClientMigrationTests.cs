using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Relational;

/// <summary>
/// Schema versions 4 (the conversation reference's client) and 5 (its time zone) upgrade an older SQLite database
/// without losing references.
/// </summary>
public sealed class ConversationReferenceClientMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_version_3_database_keeps_its_references_and_gains_the_client()
    {
        CreateDatabaseAt(3, """
            INSERT INTO conversation_references (id, participant_id, channel_id, service_url, conversation_id, conversation_type, tenant_id, user_id, aad_object_id, bot_id, locale, last_confirmed_at, reachability, etag)
            VALUES ('ref-old', 'p-old', 'directline', 'https://directline.botframework.com/', 'dl-1', NULL, NULL, 'u-old', NULL, 'bot', 'fr-CA', 638000000000000000, 'Reachable', 'etag-1');
            """);

        await using var storage = await StorageHost.StartAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path }, TimeProvider.System);
        await using var scope = storage.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>();

        var old = await store.GetAsync("ref-old", CancellationToken.None);
        Assert.NotNull(old);
        Assert.Equal(("p-old", "dl-1", "fr-CA", Reachability.Reachable, "etag-1"), (old.ParticipantId, old.ConversationId, old.Locale, old.Reachability, old.ETag));
        Assert.Null(old.Client);
        Assert.Single(await store.ListByParticipantAsync("p-old", CancellationToken.None));
        await store.SaveAsync(old with { Client = ChatClient.GenericDirectLine }, CancellationToken.None);
        Assert.Equal(ChatClient.GenericDirectLine, (await store.GetAsync("ref-old", CancellationToken.None))!.Client);
    }

    [Fact]
    public async Task A_version_4_database_keeps_its_references_with_their_client_and_gains_the_time_zone()
    {
        CreateDatabaseAt(4, """
            INSERT INTO conversation_references (id, participant_id, channel_id, service_url, conversation_id, conversation_type, tenant_id, user_id, aad_object_id, bot_id, locale, last_confirmed_at, reachability, etag, client)
            VALUES ('ref-v4', 'p-v4', 'directline', 'https://directline.botframework.com/', 'dl-4', NULL, NULL, 'u-v4', NULL, 'bot', 'en-CA', 638000000000000000, 'Reachable', 'etag-4', 'WebChat');
            """);

        await using var storage = await StorageHost.StartAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path }, TimeProvider.System);
        await using var scope = storage.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>();

        var old = await store.GetAsync("ref-v4", CancellationToken.None);
        Assert.NotNull(old);
        Assert.Equal(("p-v4", "dl-4", "en-CA", ChatClient.WebChat, "etag-4"), (old.ParticipantId, old.ConversationId, old.Locale, old.Client, old.ETag));
        Assert.Null(old.TimeZone);
        await store.SaveAsync(old with { TimeZone = "Europe/Paris" }, CancellationToken.None);
        var updated = await store.GetAsync("ref-v4", CancellationToken.None);
        Assert.Equal(("Europe/Paris", ChatClient.WebChat), (updated!.TimeZone, updated.Client));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A SQLite file built by the first <paramref name="version"/> schema scripts, with <paramref name="rows"/> inserted.</summary>
    private void CreateDatabaseAt(int version, string rows)
    {
        var file = Path.Combine(_folder.Path, "engagementbot.db");
        var scripts = SchemaMigrator.ScriptsFor(StorageProvider.Sqlite).Take(version).ToList();
        Assert.Equal(Enumerable.Range(1, version), scripts.Select(s => s.Version));
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Join("\n", scripts.Select(s => s.Sql)) + $"""

            CREATE TABLE {SchemaMigrator.VersionTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at_utc_ticks bigint NOT NULL);
            {string.Join("\n", scripts.Select(s => $"INSERT INTO {SchemaMigrator.VersionTable} VALUES ({s.Version}, '{s.Name}', 0);"))}
            {rows}
            """;
        command.ExecuteNonQuery();
    }
}
