using EngagementBot.Dialogs.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using T = EngagementBot.Dialogs.Resources.InsightsTexts;

namespace EngagementBot.Dialogs.Insights;

/// <summary>
/// Computes queued reports one at a time (analysis is CPU-bound; one worker keeps turns responsive) and sends each
/// to the staff conversation that asked, through <see cref="IProactiveMessenger"/>.
/// </summary>
public sealed partial class InsightsWorker(InsightsQueue queue, IServiceScopeFactory scopes, IOptions<InsightsOptions> options, ILogger<InsightsWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    /// <summary>Computes one report and sends it (or a short failure message).</summary>
    internal async Task RunAsync(InsightsJob job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var messenger = services.GetRequiredService<IProactiveMessenger>();
        DialogReply reply;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var comments = 0;
        try
        {
            var report = await services.GetRequiredService<InsightsReportBuilder>().BuildAsync(job.Filter, job.Language, cancellationToken);
            comments = report.Comments.Count;
            var links = services.GetService<IInsightsLinks>()?.Create(job.Filter, job.Language);
            reply = job.Kind == InsightsCommandKind.Summary
                ? InsightsCard.Report(report, job.Language, links, options.Value.CardThemes)
                : ThemeReply(report, job, links);
        }
        catch (InsightsRequestException exception)
        {
            reply = new TextReply(exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, job.Kind);
            reply = new TextReply(T.Format(T.Failed, job.Language, exception.GetType().Name));
        }

        try
        {
            var computed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var outcome = await messenger.SendAsync(job.ConversationReferenceId, [reply], job.Language, cancellationToken);
            LogSent(logger, job.Kind, comments, (long)computed.TotalMilliseconds, outcome);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSendFailed(logger, exception, job.Kind);
        }
    }

    private DialogReply ThemeReply(InsightsReport report, InsightsJob job, InsightsExportLinks? links)
    {
        var theme = ThemeMatcher.Find(report.Themes, job.ThemeName ?? string.Empty);
        return theme is null
            ? new TextReply(T.Format(T.ThemeNotFound, job.Language, job.ThemeName ?? string.Empty, string.Join(", ", report.Themes.Select(t => t.Label))))
            : InsightsCard.Theme(report, theme, job.Language, links, options.Value.ThemeCardComments);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Staff insights {Kind} could not be computed")]
    private static partial void LogFailed(ILogger logger, Exception exception, InsightsCommandKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff insights {Kind} over {Comments} comments computed in {ElapsedMs} ms; sent: {Outcome}")]
    private static partial void LogSent(ILogger logger, InsightsCommandKind kind, int comments, long elapsedMs, ProactiveSendOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff insights {Kind} could not be sent")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, InsightsCommandKind kind);
}
