using System.Collections.Concurrent;
using System.Security.Claims;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// Hands Direct Line activities to <see cref="IActivityProcessor"/> in the background, in process, off the
/// HTTP request's token. Every turn is tracked so that shutdown waits for the running ones (until the host's
/// shutdown timeout, then cancels them).
/// </summary>
internal sealed partial class DirectLineTurnDispatcher : IHostedLifecycleService, IDisposable
{
    /// <summary>Authentication type of the identity passed to the processor for Direct Line turns.</summary>
    public const string AuthenticationType = "EmbeddedDirectLine";

    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILogger<DirectLineTurnDispatcher> _logger;
    private volatile bool _draining;

    public DirectLineTurnDispatcher(IServiceScopeFactory scopeFactory, ILogger<DirectLineTurnDispatcher> logger)
    {
        _scopeFactory = scopeFactory;
        _logger = logger;
    }

    /// <summary>How many turns are still running.</summary>
    public int RunningCount => _running.Count;

    /// <summary>Starts the turns for <paramref name="activities"/> (one after the other, in order) and returns at once.</summary>
    public void Dispatch(IReadOnlyList<Activity> activities, string serviceUrl)
    {
        if (_draining)
        {
            LogDroppedAtShutdown(activities.Count);
            return;
        }

        var task = Task.Run(async () =>
        {
            foreach (var activity in activities)
            {
                await RunAsync(activity, serviceUrl, _stopping.Token);
            }
        });
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for the running turns while the server still accepts requests (replies go to this process's own
    /// connector routes), until the host's shutdown timeout cancels <paramref name="cancellationToken"/>.
    /// </summary>
    async Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        try
        {
            await Task.WhenAll(_running.Keys.ToArray()).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancellingAtShutdown(_running.Count);
        }
    }

    /// <summary>Cancels whatever still runs and lets it unwind.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The host was already disposed (a second StopAsync racing the first): nothing left to cancel.
            return;
        }

        await Task.WhenAll(_running.Keys.ToArray())
            .ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .WaitAsync(cancellationToken)
            .ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(Activity activity, string serviceUrl, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = _scopeFactory.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<IActivityProcessor>();
            var identity = new ClaimsIdentity(
                [new Claim("serviceurl", serviceUrl), new Claim("channelid", Channels.DirectLine)],
                AuthenticationType);
            await processor.ProcessAsync(activity, identity, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogTurnCancelled(activity.Type, activity.Conversation?.Id);
        }
        catch (Exception exception)
        {
            LogTurnFailed(exception, activity.Type, activity.Conversation?.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line: the turn for a {ActivityType} activity in conversation {ConversationId} failed")]
    private partial void LogTurnFailed(Exception exception, string? activityType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line: the turn for a {ActivityType} activity in conversation {ConversationId} was cancelled by shutdown")]
    private partial void LogTurnCancelled(string? activityType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line: {Count} activities arrived during shutdown and were not processed")]
    private partial void LogDroppedAtShutdown(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line: shutdown timeout reached; cancelling {Count} running turns")]
    private partial void LogCancellingAtShutdown(int count);
}
