using BenchmarkDotNet.Attributes;
using EngagementBot.Storage.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EngagementBot.Storage.Bench;

/// <summary>
/// One turn's storage work on SQLite: read the conversation state, write it back with its ETag (conditional),
/// append an answer, in one transaction. <see cref="StoreTurn"/> goes through the public storage API exactly like
/// the bot (new DI scope, unit of work, stores); <see cref="RawAdoNetTurn"/> is the same SQL on plain
/// Microsoft.Data.Sqlite, the floor the stores are compared with.
/// </summary>
[MemoryDiagnoser]
public class TurnStorageBenchmarks
{
    private const string StateKey = "msteams/conversations/a:bench/users/29:bench";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eb-storage-bench", Guid.NewGuid().ToString("N"));

    private ServiceProvider _services = null!;
    private string _responseId = null!;
    private string _stateETag = null!;
    private string _rawStateETag = null!;
    private string _rawConnectionString = null!;
    private int _turn;

    /// <summary>Creates the database (schema applied by the host's initializer), a response and a state document.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataFolder"] = _folder,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddEngagementStorage(configuration);
        _services = services.BuildServiceProvider();
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await using var scope = _services.CreateAsyncScope();
        var response = await scope.ServiceProvider.GetRequiredService<IResponseStore>().StartAsync("bench-participant", "bench-consultation", CancellationToken.None);
        _responseId = response.Id;
        var state = scope.ServiceProvider.GetRequiredService<IStateStore>();
        _stateETag = (await state.WriteAsync([new StateChange(StateKey, Document(0))], CancellationToken.None))[StateKey];
        _rawStateETag = (await state.WriteAsync([new StateChange(StateKey + "/raw", Document(0))], CancellationToken.None))[StateKey + "/raw"];
        // The same connection settings as the stores (foreign keys on: the answer insert checks its response).
        _rawConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "engagementbot.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Removes the database.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The turn through the storage API (what the bot does).</summary>
    [Benchmark]
    public async Task StoreTurn()
    {
        var turn = ++_turn;
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var transaction = await sp.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
        var state = sp.GetRequiredService<IStateStore>();
        var read = await state.ReadAsync([StateKey], CancellationToken.None);
        var etags = await state.WriteAsync([new StateChange(StateKey, Document(turn), read[StateKey].ETag)], CancellationToken.None);
        await sp.GetRequiredService<IResponseStore>().SaveAnswerAsync(
            _responseId, new Answer("q" + (turn % 10), new RatingAnswer(turn % 5), DateTimeOffset.UtcNow), null, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        _stateETag = etags[StateKey];
    }

    /// <summary>The same SQL on raw Microsoft.Data.Sqlite (baseline).</summary>
    [Benchmark(Baseline = true)]
    public async Task RawAdoNetTurn()
    {
        var turn = ++_turn;
        await using var connection = new SqliteConnection(_rawConnectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        string etag;
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT state_key, document, etag FROM state WHERE state_key = @k0";
            select.Parameters.AddWithValue("@k0", StateKey + "/raw");
            await using var reader = await select.ExecuteReaderAsync();
            await reader.ReadAsync();
            etag = reader.GetString(2);
        }

        var newETag = Ids.NewETag();
        var now = DateTimeOffset.UtcNow.UtcTicks;
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE state SET document = @document, updated_at = @updated_at, etag = @etag WHERE state_key = @key AND etag = @expected";
            update.Parameters.AddWithValue("@document", Document(turn));
            update.Parameters.AddWithValue("@updated_at", now);
            update.Parameters.AddWithValue("@etag", newETag);
            update.Parameters.AddWithValue("@key", StateKey + "/raw");
            update.Parameters.AddWithValue("@expected", etag);
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("raw state write lost its ETag");
            }
        }

        await using (var touch = connection.CreateCommand())
        {
            touch.CommandText = "UPDATE responses SET updated_at = @now, etag = @etag WHERE id = @id";
            touch.Parameters.AddWithValue("@now", now);
            touch.Parameters.AddWithValue("@etag", Ids.NewETag());
            touch.Parameters.AddWithValue("@id", _responseId);
            await touch.ExecuteNonQueryAsync();
        }

        await using (var answer = connection.CreateCommand())
        {
            answer.CommandText = "INSERT INTO answers (response_id, question_id, value, answered_at) VALUES (@id, @question, @value, @answered_at) " +
                "ON CONFLICT (response_id, question_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at";
            answer.Parameters.AddWithValue("@id", _responseId);
            answer.Parameters.AddWithValue("@question", "q" + (turn % 10));
            answer.Parameters.AddWithValue("@value", StorageJson.Serialize<AnswerValue>(new RatingAnswer(turn % 5)));
            answer.Parameters.AddWithValue("@answered_at", now);
            await answer.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        _rawStateETag = newETag;
    }

    private static string Document(int turn) =>
        $$$"""{"dialogStack":[{"id":"survey","state":{"questionIndex":{{{turn % 12}}},"consultation":"berges-2026","language":"fr"}}],"turn":{{{turn}}}}""";
}
