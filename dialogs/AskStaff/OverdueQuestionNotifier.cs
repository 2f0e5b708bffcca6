using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>
/// Every <see cref="AskStaffOptions.OverdueCheckInterval"/>, sends one notice per overdue open question to every
/// known staff conversation (<see cref="StaffConversations"/>). Questions already announced are remembered in the
/// state store under <see cref="NotifiedKey"/>; nothing is sent (nor remembered) while no staff conversation is known.
/// </summary>
public sealed partial class OverdueQuestionNotifier(
    IServiceScopeFactory scopes,
    IOptions<AskStaffOptions> options,
    TimeProvider timeProvider,
    ILogger<OverdueQuestionNotifier> logger) : BackgroundService
{
    /// <summary>The state key of the questions already announced.</summary>
    public const string NotifiedKey = "ask-staff/overdue-notified";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.NotifyOverdue)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.OverdueCheckInterval, timeProvider, stoppingToken);
                await CheckOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCheckFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    /// <summary>One check: announces the overdue questions not announced yet and returns how many were announced.</summary>
    public async Task<int> CheckOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var target = options.Value.ResponseTimeTarget;
        var now = timeProvider.GetUtcNow();
        var open = await services.GetRequiredService<OpenQuestions>().ListAsync(int.MaxValue / 8, cancellationToken);
        var notified = new StateSet(services.GetRequiredService<IStateStore>(), NotifiedKey);
        var (announced, etag) = await notified.ReadAsync(cancellationToken);
        var due = open.Where(q => now - q.AskedAt > target && !announced.Contains(q.Id, StringComparer.Ordinal)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var staff = await services.GetRequiredService<StaffConversations>().ListAsync(cancellationToken);
        if (staff.Count == 0)
        {
            return 0;
        }

        var references = services.GetRequiredService<IConversationReferenceStore>();
        var messenger = services.GetRequiredService<IProactiveMessenger>();
        var sentAny = new List<string>();
        foreach (var question in due)
        {
            foreach (var referenceId in staff)
            {
                var language = (await references.GetAsync(referenceId, cancellationToken))?.Locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en" : "fr";
                var notice = AskStaffTexts.Format(AskStaffTexts.OverdueNotice, language, Durations.Format(now - question.AskedAt, language), Durations.Format(target, language), question.Text);
                if (await messenger.SendAsync(referenceId, [new TextReply(notice)], language, cancellationToken) == ProactiveSendOutcome.Sent)
                {
                    sentAny.Add(question.Id);
                }
            }
        }

        // Remember what was announced, forgetting questions that are no longer open.
        var openIds = open.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var remembered = announced.Where(openIds.Contains).Concat(sentAny).Distinct(StringComparer.Ordinal).ToList();
        await notified.WriteAsync(remembered, etag, cancellationToken);
        var count = sentAny.Distinct(StringComparer.Ordinal).Count();
        LogAnnounced(logger, count);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} overdue citizen question(s) to staff")]
    private static partial void LogAnnounced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overdue question check failed ({Error}: {Message}); it runs again at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, string error, string message);
}
