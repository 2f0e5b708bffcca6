using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EngagementBot.Dialogs.Tests.Runtime;

/// <summary>
/// <see cref="DialogRunner"/> on real SQLite storage: when the conversation's state changes between the turn's
/// read and its write, the write is refused (ETag), everything the turn wrote is rolled back and the whole turn
/// runs again. (On SQLite a turn's transaction takes the write lock at its start, so other instances wait rather
/// than interleave; the interfering write is therefore made inside the turn's own transaction, which is what a
/// concurrent writer looks like to the ETag check on PostgreSQL or Cosmos DB.)
/// </summary>
public sealed class DialogRunnerConcurrencyTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementbot-dialogs-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = _folder }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEngagementStorage(configuration);
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<InterferingDialog>();
        services.AddScoped<IDialog>(sp =>
        {
            var dialog = sp.GetRequiredService<InterferingDialog>();
            dialog.Store = sp.GetRequiredService<IStateStore>();
            return dialog;
        });
        services.AddScoped<DialogRunner>();
        _provider = services.BuildServiceProvider();
        foreach (var hosted in _provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_state_changed_by_another_instance_mid_turn_makes_the_turn_run_again_on_fresh_state()
    {
        var dialog = _provider.GetRequiredService<InterferingDialog>();
        await using (var setup = _provider.CreateAsyncScope())
        {
            await setup.ServiceProvider.GetRequiredService<IStateStore>().WriteAsync([new StateChange(DialogRunner.StateKey("conv"), """{"stage":"Recap"}""")], default);
        }

        // Another writer replaces the state (new ETag) while the turn runs; its first answer must not be kept.
        dialog.Interfere = store => store.WriteAsync([new StateChange(DialogRunner.StateKey("conv"), """{"stage":"Question","questionId":"interloper"}""")], default);

        await using var scope = _provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DialogRunner>()
            .RunAsync(new DialogInput("conv", "p1", "hello", null, "en", ChannelCapabilities.TextOnly), default);

        Assert.Equal([DialogStage.Recap, DialogStage.Recap], dialog.StagesSeen);
        var reply = Assert.Single(result.Replies);
        Assert.Equal(new TextReply("run 2"), reply);
        var stored = await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync([DialogRunner.StateKey("conv")], default);
        Assert.Contains("\"questionId\":\"after-run-2\"", stored[DialogRunner.StateKey("conv")].Json, StringComparison.Ordinal);
        Assert.DoesNotContain("interloper", stored[DialogRunner.StateKey("conv")].Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_conversation_whose_state_another_writer_creates_mid_turn_makes_the_turn_run_again()
    {
        // No state yet: the turn reads none; another writer stores one meanwhile (inside the turn's transaction, as
        // above, so it is rolled back with it). The turn's write must not replace it unseen: it is create-only, is
        // refused, and the whole turn runs again.
        var dialog = _provider.GetRequiredService<InterferingDialog>();
        dialog.Interfere = store => store.WriteAsync([new StateChange(DialogRunner.StateKey("new-conv"), """{"stage":"Question","questionId":"interloper"}""")], default);

        await using var scope = _provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DialogRunner>()
            .RunAsync(new DialogInput("new-conv", "p1", "hello", null, "en", ChannelCapabilities.TextOnly), default);

        Assert.Equal([DialogStage.Idle, DialogStage.Idle], dialog.StagesSeen);
        Assert.Equal(new TextReply("run 2"), Assert.Single(result.Replies));
        var stored = await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync([DialogRunner.StateKey("new-conv")], default);
        Assert.Contains("\"questionId\":\"after-run-2\"", stored[DialogRunner.StateKey("new-conv")].Json, StringComparison.Ordinal);
    }

    /// <summary>A dialog that lets another writer in during its first run only, and records what it saw.</summary>
    private sealed class InterferingDialog : IDialog
    {
        public Func<IStateStore, Task>? Interfere { get; set; }

        public IStateStore? Store { get; set; }

        public List<DialogStage> StagesSeen { get; } = [];

        public async Task RunAsync(DialogTurn turn, CancellationToken cancellationToken)
        {
            StagesSeen.Add(turn.State.Stage);
            if (StagesSeen.Count == 1 && Interfere is not null)
            {
                await Interfere(Store!);
            }

            turn.State.QuestionId = $"after-run-{StagesSeen.Count}";
            turn.Reply($"run {StagesSeen.Count}");
        }
    }
}
