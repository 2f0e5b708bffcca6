using EngagementBot.Storage.Domain;
using EngagementBot.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Relational;

/// <summary>Schema version 3 (the citizen question's conversation reference) upgrades an older SQLite database without losing questions.</summary>
public sealed class CitizenQuestionReferenceMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_version_1_database_keeps_its_questions_and_gains_the_conversation_reference()
    {
        var file = Path.Combine(_folder.Path, "engagementbot.db");
        var version1 = SchemaMigrator.ScriptsFor(StorageProvider.Sqlite)[0];
        Assert.Equal(1, version1.Version);
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = version1.Sql + $"""

                CREATE TABLE {SchemaMigrator.VersionTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at_utc_ticks bigint NOT NULL);
                INSERT INTO {SchemaMigrator.VersionTable} VALUES (1, '{version1.Name}', 0);
                INSERT INTO citizen_questions (id, participant_id, project_slug, text, language, status, owner, answer_text, asked_at, updated_at, answered_at, etag)
                VALUES ('q-old', 'p-old', 'parc', 'Le chalet sera-t-il chauffé?', 'fr', 'New', NULL, NULL, 638000000000000000, 638000000000000000, NULL, 'etag-1');
                """;
            command.ExecuteNonQuery();
        }

        await using var storage = await StorageHost.StartAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder.Path }, TimeProvider.System);
        await using var scope = storage.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ICitizenQuestionStore>();

        var old = await store.GetAsync("q-old", CancellationToken.None);
        Assert.NotNull(old);
        Assert.Equal(("Le chalet sera-t-il chauffé?", CitizenQuestionStatus.New, "etag-1"), (old.Text, old.Status, old.ETag));
        Assert.Null(old.ConversationReferenceId);
        var updated = await store.SaveAsync(old with { ConversationReferenceId = "ref-1" }, CancellationToken.None);
        Assert.Equal("ref-1", (await store.GetAsync("q-old", CancellationToken.None))!.ConversationReferenceId);
        Assert.NotEqual(old.ETag, updated.ETag);
    }

    public void Dispose() => _folder.Dispose();
}
