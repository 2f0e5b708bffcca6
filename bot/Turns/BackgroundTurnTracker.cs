using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.Turns;

/// <summary>
/// Keeps track of turns that outlived their HTTP request (acknowledged early, or started by the embedded
/// Direct Line) so that a graceful shutdown waits for them instead of cutting a reply in half.
/// </summary>
public sealed partial class BackgroundTurnTracker(ILogger<BackgroundTurnTracker> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _abandoned = new();

    /// <summary>
    /// The token every turn runs with: cancelled only when a graceful shutdown gives up waiting (the host's shutdown
    /// timeout, <c>Operations:ShutdownTimeout</c>), not when the shutdown starts, so turns under way can finish.
    /// </summary>
    public CancellationToken TurnsAbandoned => _abandoned.Token;

    /// <summary>Number of turns still running in the background.</summary>
    public int Count => _running.Count;

    public void Track(Task turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.IsCompleted)
        {
            return;
        }

        _running.TryAdd(turn, 0);
        turn.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown token expires after its timeout; from then on the turns still running (background ones,
        // and requests Kestrel is still draining) are cancelled.
        cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _abandoned);

        var pending = _running.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        LogWaiting(pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogAbandoned(_running.Count);
        }
        catch (Exception)
        {
            // Each turn logs its own failure in the error middleware.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {Count} background turn(s) to finish before shutting down")]
    private partial void LogWaiting(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout: {Count} background turn(s) did not finish")]
    private partial void LogAbandoned(int count);
}
