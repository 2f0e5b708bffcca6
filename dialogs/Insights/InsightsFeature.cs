using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Staff;
using T = EngagementBot.Dialogs.Resources.InsightsTexts;

namespace EngagementBot.Dialogs.Insights;

/// <summary>
/// Staff commands "summary" / "résumé" and "theme" / "thème": checks the sender is staff, reads the filters, checks the
/// scope and question exist, acknowledges at once and queues the computation; the report arrives later as a card.
/// </summary>
public sealed class InsightsFeature(StaffGate gate, Lazy<InsightsScopeResolver> resolver, InsightsQueue queue, ParticipantEnrollment enrollment) : IDialogFeature
{
    /// <inheritdoc />
    public string Name => "insights";

    /// <inheritdoc />
    public int Order => 100;

    /// <inheritdoc />
    public async Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        // Typed, or the "text" value of a card button (the report card's theme buttons).
        var text = turn.Input.AnswerText;
        if (InsightsCommandParser.KindOf(text) is not { } kind)
        {
            return false;
        }

        // A citizen in the middle of a consultation may well type "summary…" as an answer: let it through.
        if (turn.State.Stage != DialogStage.Idle && gate.RoleOf(turn) < StaffRole.Staff)
        {
            return false;
        }

        if (!gate.Allows(turn, StaffRole.Staff, kind == InsightsCommandKind.Summary ? "summary" : "theme"))
        {
            return true;
        }

        var language = turn.Language;
        if (!InsightsCommandParser.TryParse(text, out var command, out var error))
        {
            turn.Reply(T.Format(T.Usage, language, error));
            return true;
        }

        InsightsScope scope;
        InsightsFilter filter;
        string? themeName = null;
        try
        {
            (filter, themeName) = await SplitWordsAsync(command, language, cancellationToken);
            scope = await resolver.Value.ResolveAsync(filter, language, cancellationToken);
        }
        catch (InsightsRequestException exception)
        {
            turn.Reply(exception.Message);
            return true;
        }

        if (command.Kind == InsightsCommandKind.Theme && string.IsNullOrWhiteSpace(themeName))
        {
            turn.Reply(T.Get(T.ThemeNeedsName, language));
            return true;
        }

        // The report is sent later, to this conversation: its reference must be stored.
        await enrollment.EnsureStoredAsync(turn, cancellationToken);
        if (turn.Input.ConversationReferenceId is not { } reference
            || !queue.TryEnqueue(new InsightsJob(command.Kind, filter, themeName, reference, language)))
        {
            turn.Reply(T.Get(T.Busy, language));
            return true;
        }

        turn.Reply(command.Kind == InsightsCommandKind.Summary
            ? T.Format(T.SummaryAck, language, scope.Label(language))
            : T.Format(T.ThemeAck, language, themeName!, scope.Label(language)));
        return true;
    }

    /// <summary>
    /// The summary takes at most one free word, the scope. The theme command's words are the theme name, except a
    /// leading or trailing word naming a consultation or project, which is the scope.
    /// </summary>
    private async Task<(InsightsFilter Filter, string? ThemeName)> SplitWordsAsync(InsightsCommand command, string language, CancellationToken cancellationToken)
    {
        var words = command.Words;
        if (command.Kind == InsightsCommandKind.Summary)
        {
            if (words.Count > 1)
            {
                throw new InsightsRequestException(T.Format(T.Usage, language, string.Join(' ', words)));
            }

            return (command.Filter with { Scope = words.Count == 1 ? words[0] : null }, null);
        }

        foreach (var candidate in words.Count > 1 ? (string[])[words[^1], words[0]] : [])
        {
            try
            {
                await resolver.Value.ResolveAsync(command.Filter with { Scope = candidate, QuestionId = null }, language, cancellationToken);
                var rest = words.ToList();
                rest.Remove(candidate);
                return (command.Filter with { Scope = candidate }, string.Join(' ', rest));
            }
            catch (InsightsRequestException)
            {
                // Not a scope: part of the theme name.
            }
        }

        return (command.Filter, string.Join(' ', words));
    }
}
