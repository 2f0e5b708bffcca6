using EngagementBot.Dialogs.Understanding;
using EngagementBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// Pays the one-time costs at start-up instead of on a citizen's first message: trains the intent recognizer
/// and runs the participant and state look-ups once (building the data-access model). Runs after the
/// storage initializer (hosted services start in registration order).
/// </summary>
public sealed class DialogWarmUp(IIntentRecognizer recognizer, IServiceScopeFactory scopeFactory) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recognizer.Recognize("bonjour");
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("warm-up", "warm-up", cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().GetAsync("warm-up", cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IStateStore>().ReadAsync(["warm-up"], cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
