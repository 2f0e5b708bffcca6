using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Relational;

/// <summary>Schema version 4 (the conversation reference's client) upgrades a version 3 SQLite database without losing references.</summary>
public sealed class ConversationReferenceClientMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_version_3_database_keeps_its_references_and_gains_the_client()
    {
        var file = Path.Combine(_folder.Path, "engagementbot.db");
        var scripts = SchemaMigrator.ScriptsFor(StorageProvider.Sqlite).Take(3).ToList();
        Assert.Equal([1, 2, 3], scripts.Select(s => s.Version));
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Join("\n", scripts.Select(s => s.Sql)) + $"""

                CREATE TABLE {SchemaMigrator.VersionTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at_utc_ticks bigint NOT NULL);
                {string.Join("\n", scripts.Select(s => $"INSERT INTO {SchemaMigrator.VersionTable} VALUES ({s.Version}, '{s.Name}', 0);"))}
                INSERT INTO conversation_references (id, participant_id, channel_id, service_url, conversation_id, conversation_type, tenant_id, user_id, aad_object_id, bot_id, locale, last_confirmed_at, reachability, etag)
                VALUES ('ref-old', 'p-old', 'directline', 'https://directline.botframework.com/', 'dl-1', NULL, NULL, 'u-old', NULL, 'bot', 'fr-CA', 638000000000000000, 'Reachable', 'etag-1');
                """;
            command.ExecuteNonQuery();
        }

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

    public void Dispose() => _folder.Dispose();
}
