using System.Globalization;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Consultations;

/// <summary>How a participant request left the turn.</summary>
public enum RequestOutcome
{
    /// <summary>A question was asked; the next message answers it.</summary>
    Waiting,

    /// <summary>Done: go back to whatever was pending (a consultation question…).</summary>
    Done,

    /// <summary>The participant's data was erased: nothing more may be said or stored this turn.</summary>
    Erased,

    /// <summary>The message did not answer the pending request: handle it as any other message.</summary>
    NotHandled,
}

/// <summary>
/// What a participant may ask about their own data and messages, at any point: delete my data, withdraw my
/// consent, stop (unsubscribe, from everything or one project), start / subscribe again. Each asks for a confirmation
/// or a choice when it needs one (waiting as the <see cref="FeatureName"/> feature), then confirms what was done.
/// </summary>
public sealed class ParticipantRequests(
    IParticipantStore participants,
    Lazy<IPersonalDataEraser> eraser,
    Lazy<IEnumerable<IPersonalDataHolder>> holders,
    IResponseStore responses,
    IConsultationStore consultations,
    IProjectStore projects,
    OptOutMemory optOuts,
    ParticipantEnrollment enrollment)
{
    /// <summary>The feature name under which a request waits for its answer.</summary>
    public const string FeatureName = "participant-requests";

    private const string ConfirmDelete = "confirm-delete";
    private const string ConfirmWithdraw = "confirm-withdraw";
    private const string WithdrawWhich = "withdraw-which";
    private const string StopWhich = "stop-which";
    private const string SubscribeWhich = "subscribe-which";
    private const string ResumeKey = "resume";
    private const string IdsKey = "ids";
    private const string AllOption = "*all*";

    /// <summary>Starts the request of <paramref name="command"/> (stop, subscribe, delete, withdraw).</summary>
    /// <param name="turn">The turn.</param>
    /// <param name="command">The request.</param>
    /// <param name="sms">An SMS keyword: act at once, say it in one short text.</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    public Task<RequestOutcome> BeginAsync(DialogTurn turn, GlobalCommand command, bool sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return command switch
        {
            GlobalCommand.Delete => BeginDeleteAsync(turn, cancellationToken),
            GlobalCommand.Withdraw => BeginWithdrawAsync(turn, cancellationToken),
            GlobalCommand.Stop => StopAsync(turn, sms, cancellationToken),
            GlobalCommand.Subscribe => SubscribeAsync(turn, cancellationToken),
            _ => Task.FromResult(RequestOutcome.NotHandled),
        };
    }

    /// <summary>The answer to the question a request asked (<see cref="DialogState.IsIn"/> <see cref="FeatureName"/>).</summary>
    public async Task<RequestOutcome> ContinueAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = turn.Input.AnswerText;
        var step = turn.State.FeatureStep;
        var ids = (turn.State.FeatureData?.GetValueOrDefault(IdsKey) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cancelled = Commands.Detect(text) == GlobalCommand.Cancel;
        switch (step)
        {
            case ConfirmDelete:
                if (!cancelled && AnswerParser.ParseYesNo(text) == true)
                {
                    return await EraseAsync(turn, cancellationToken);
                }

                return Decline(turn, DialogTexts.DeleteCancelled, answered: cancelled || AnswerParser.ParseYesNo(text) == false);
            case ConfirmWithdraw:
                if (!cancelled && AnswerParser.ParseYesNo(text) == true)
                {
                    return await WithdrawAsync(turn, ids, cancellationToken);
                }

                return Decline(turn, DialogTexts.WithdrawCancelled, answered: cancelled || AnswerParser.ParseYesNo(text) == false);
            case WithdrawWhich:
                if (!cancelled && AnswerParser.FindOption(await ConsultationOptionsAsync(ids, cancellationToken), text) is { } withdrawn)
                {
                    var participant = await RequireParticipantAsync(turn, cancellationToken);
                    return await AskWithdrawConfirmationAsync(turn, participant, withdrawn.Id == AllOption ? ids : [withdrawn.Id], cancellationToken);
                }

                return Decline(turn, DialogTexts.WithdrawCancelled, answered: cancelled);
            case StopWhich:
                if (!cancelled && AnswerParser.FindOption(await ProjectOptionsAsync(ids, cancellationToken), text) is { } stop)
                {
                    Resume(turn);
                    var participant = await RequireParticipantAsync(turn, cancellationToken);
                    if (stop.Id == AllOption)
                    {
                        await StopAllAsync(turn, participant, sms: false, cancellationToken);
                    }
                    else
                    {
                        await StopProjectAsync(turn, participant, stop, cancellationToken);
                    }

                    return RequestOutcome.Done;
                }

                return Decline(turn, DialogTexts.StopKept, answered: cancelled);
            case SubscribeWhich:
                if (!cancelled && AnswerParser.FindOption(await ProjectOptionsAsync(ids, cancellationToken), text) is { } pick)
                {
                    Resume(turn);
                    await SubscribeToAsync(turn, pick.Id == AllOption ? ids : [pick.Id], DialogTexts.SubscribedTo, cancellationToken);
                    return RequestOutcome.Done;
                }

                return Decline(turn, DialogTexts.SubscribeKept, answered: cancelled);
            default:
                Resume(turn);
                return RequestOutcome.NotHandled;
        }
    }

    /// <summary>
    /// "start" from someone who unsubscribed: gives them back what they had (then the consultation starts as usual).
    /// Returns whether anything was restored.
    /// </summary>
    public async Task<bool> ResubscribeIfOptedOutAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var participant = await participants.GetAsync(turn.Input.ParticipantId, cancellationToken);
        if (participant is null)
        {
            return false;
        }

        var stopped = await optOuts.RecallAsync(participant, cancellationToken);
        if (stopped.Count == 0)
        {
            return false;
        }

        await RestoreAsync(turn, participant, stopped, cancellationToken);
        return true;
    }

    private async Task<RequestOutcome> BeginDeleteAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var participant = await RequireParticipantAsync(turn, cancellationToken);
        var effects = new List<string>();
        foreach (var response in await responses.ListByParticipantAsync(participant.Id, cancellationToken))
        {
            var consultation = await consultations.GetAsync(response.ConsultationId, cancellationToken);
            var title = consultation?.Title.For(turn.Language) ?? response.ConsultationId;
            effects.Add(DialogTexts.Format(
                consultation?.Consent.KeepAnonymousAggregates == true ? DialogTexts.DeleteResponsesAnonymized : DialogTexts.DeleteResponsesDeleted,
                turn.Language,
                title));
        }

        if (effects.Count == 0)
        {
            effects.Add(turn.Text(DialogTexts.DeleteResponsesNone));
        }

        var text = DialogTexts.Format(
            DialogTexts.DeleteConfirm,
            turn.Language,
            participant.Consents.Count,
            participant.Subscriptions.Count,
            string.Join(" ", effects));
        turn.Prompt(ConsultationDialog.YesNoPrompt(turn, text));
        Wait(turn, ConfirmDelete, []);
        return RequestOutcome.Waiting;
    }

    private async Task<RequestOutcome> EraseAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var report = await eraser.Value.EraseParticipantAsync(turn.Input.ParticipantId, cancellationToken);
        foreach (var holder in holders.Value)
        {
            await holder.ForgetAsync(turn.Input.ParticipantId, cancellationToken);
        }

        // Nothing about the participant may be written back this turn: the runner deletes the state instead of saving it.
        turn.State.LeaveFeature();
        turn.ForgetState();
        turn.Reply(DialogTexts.Format(DialogTexts.DeleteDone, turn.Language, report.ResponsesDeleted, report.ResponsesAnonymized));
        return RequestOutcome.Erased;
    }

    private async Task<RequestOutcome> BeginWithdrawAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var participant = await RequireParticipantAsync(turn, cancellationToken);
        var ids = participant.Consents.Where(c => c.WithdrawnAt is null).Select(c => c.ConsultationId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            turn.Say(DialogTexts.WithdrawNothing);
            return RequestOutcome.Done;
        }

        if (ids.Count > 1)
        {
            // Consent was given to several consultations: withdrawing it from one must not touch the others' answers.
            var options = await ConsultationOptionsAsync(ids, cancellationToken);
            turn.Prompt(ConsultationDialog.ChoicePrompt(turn, PromptKind.Choice, turn.Text(DialogTexts.WithdrawWhich), [.. options.Select(o => new PromptChoice(o.Id, o.Label.For(turn.Language)))]));
            Wait(turn, WithdrawWhich, ids);
            return RequestOutcome.Waiting;
        }

        return await AskWithdrawConfirmationAsync(turn, participant, ids, cancellationToken);
    }

    private async Task<RequestOutcome> AskWithdrawConfirmationAsync(DialogTurn turn, Participant participant, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var titles = new List<string>();
        var effects = new List<string>();
        foreach (var id in ids)
        {
            var consultation = await consultations.GetAsync(id, cancellationToken);
            var title = consultation?.Title.For(turn.Language) ?? id;
            titles.Add(Quote(title, turn.Language));
            var response = await responses.FindAsync(participant.Id, id, cancellationToken);
            var effect = response is null
                ? DialogTexts.WithdrawEffectNoAnswers
                : consultation?.Consent.KeepAnonymousAggregates == true ? DialogTexts.WithdrawEffectAnonymized : DialogTexts.WithdrawEffectDeleted;
            var line = DialogTexts.Format(effect, turn.Language, title);
            if (consultation?.Consent.Link is { } link)
            {
                line += " " + DialogTexts.Format(DialogTexts.ConsentLink, turn.Language, link);
            }

            effects.Add(line);
        }

        var text = DialogTexts.Format(DialogTexts.WithdrawConfirm, turn.Language, string.Join(", ", titles), string.Join("\n\n", effects));
        turn.Prompt(ConsultationDialog.YesNoPrompt(turn, text));
        Wait(turn, ConfirmWithdraw, ids);
        return RequestOutcome.Waiting;
    }

    private async Task<RequestOutcome> WithdrawAsync(DialogTurn turn, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        Resume(turn);
        var done = new List<string>();
        foreach (var id in ids)
        {
            var result = await eraser.Value.WithdrawConsentAsync(turn.Input.ParticipantId, id, cancellationToken);
            var title = (await consultations.GetAsync(id, cancellationToken))?.Title.For(turn.Language) ?? id;
            if (result.ResponseAnonymized || result.ResponseDeleted)
            {
                done.Add(DialogTexts.Format(result.ResponseAnonymized ? DialogTexts.WithdrawDoneAnonymized : DialogTexts.WithdrawDoneDeleted, turn.Language, title));
            }
        }

        // A consultation under way whose consent is withdrawn cannot go on.
        if (turn.State.ConsultationId is { } current && ids.Contains(current, StringComparer.Ordinal)
            && turn.State.Stage is DialogStage.Consent or DialogStage.Question or DialogStage.Recap)
        {
            turn.State.Stage = DialogStage.Idle;
            turn.State.QuestionId = null;
            turn.State.Skipped.Clear();
        }

        turn.Reply(DialogTexts.Format(DialogTexts.WithdrawDone, turn.Language, string.Join(" ", done)).Replace("  ", " ", StringComparison.Ordinal));
        return RequestOutcome.Done;
    }

    private async Task<RequestOutcome> StopAsync(DialogTurn turn, bool sms, CancellationToken cancellationToken)
    {
        var participant = await RequireParticipantAsync(turn, cancellationToken);
        if (turn.State.Stage == DialogStage.Subscribe)
        {
            // The pending "would you like updates?" is answered by the stop itself.
            turn.State.Stage = DialogStage.Idle;
        }

        var slugs = participant.Subscriptions.Select(s => s.ProjectSlug).Distinct(StringComparer.Ordinal).ToList();
        if (sms || slugs.Count <= 1)
        {
            await StopAllAsync(turn, participant, sms, cancellationToken);
            return RequestOutcome.Done;
        }

        var options = await ProjectOptionsAsync(slugs, cancellationToken);
        turn.Prompt(ConsultationDialog.ChoicePrompt(turn, PromptKind.Choice, turn.Text(DialogTexts.StopWhich), [.. options.Select(o => new PromptChoice(o.Id, o.Label.For(turn.Language)))]));
        Wait(turn, StopWhich, slugs);
        return RequestOutcome.Waiting;
    }

    private async Task StopAllAsync(DialogTurn turn, Participant participant, bool sms, CancellationToken cancellationToken)
    {
        if (participant.Subscriptions.Count > 0)
        {
            await optOuts.RememberAsync(participant, participant.Subscriptions, cancellationToken);
            await participants.SaveAsync(participant with { Subscriptions = [] }, cancellationToken);
        }
        else if (!sms)
        {
            // Nothing to stop (never subscribed, or stopped already): say so rather than confirm an unsubscription.
            turn.Say(DialogTexts.StopNothing);
            return;
        }

        turn.Say(sms ? DialogTexts.SmsStopped : DialogTexts.StopAll);
    }

    private async Task StopProjectAsync(DialogTurn turn, Participant participant, QuestionOption project, CancellationToken cancellationToken)
    {
        var stopped = participant.Subscriptions.Where(s => s.ProjectSlug == project.Id).ToList();
        var kept = participant.Subscriptions.Where(s => s.ProjectSlug != project.Id).ToList();
        await optOuts.RememberAsync(participant, stopped, cancellationToken);
        await participants.SaveAsync(participant with { Subscriptions = kept }, cancellationToken);
        var keptTitles = await TitlesAsync(kept.Select(s => s.ProjectSlug), turn.Language, cancellationToken);
        turn.Reply(DialogTexts.Format(DialogTexts.StopProject, turn.Language, project.Label.For(turn.Language), keptTitles));
    }

    private async Task<RequestOutcome> SubscribeAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var participant = await RequireParticipantAsync(turn, cancellationToken);
        var stopped = await optOuts.RecallAsync(participant, cancellationToken);
        if (stopped.Count > 0)
        {
            await RestoreAsync(turn, participant, stopped, cancellationToken);
            return RequestOutcome.Done;
        }

        var all = (await projects.ListAsync(PageRequest.First(), cancellationToken)).Items.Select(p => p.Slug).ToList();
        if (all.Count == 0)
        {
            turn.Say(DialogTexts.NoProject);
            return RequestOutcome.Done;
        }

        if (all.Count == 1)
        {
            await SubscribeToAsync(turn, all, DialogTexts.SubscribedTo, cancellationToken);
            return RequestOutcome.Done;
        }

        var options = await ProjectOptionsAsync(all, cancellationToken);
        turn.Prompt(ConsultationDialog.ChoicePrompt(turn, PromptKind.Choice, turn.Text(DialogTexts.SubscribeWhich), [.. options.Select(o => new PromptChoice(o.Id, o.Label.For(turn.Language)))]));
        Wait(turn, SubscribeWhich, all);
        return RequestOutcome.Waiting;
    }

    private async Task RestoreAsync(DialogTurn turn, Participant participant, IReadOnlyList<Subscription> stopped, CancellationToken cancellationToken)
    {
        var merged = participant.Subscriptions.ToDictionary(s => s.ProjectSlug, s => s.Topics, StringComparer.Ordinal);
        foreach (var subscription in stopped)
        {
            merged[subscription.ProjectSlug] = merged.GetValueOrDefault(subscription.ProjectSlug) | subscription.Topics;
        }

        await participants.SaveAsync(participant with { Subscriptions = [.. merged.Select(p => new Subscription(p.Key, p.Value))] }, cancellationToken);
        await optOuts.ForgetAsync(participant, cancellationToken);
        turn.Reply(DialogTexts.Format(DialogTexts.Resubscribed, turn.Language, await TitlesAsync(stopped.Select(s => s.ProjectSlug), turn.Language, cancellationToken)));
    }

    private async Task SubscribeToAsync(DialogTurn turn, IReadOnlyList<string> slugs, string textKey, CancellationToken cancellationToken)
    {
        var participant = await enrollment.EnsureStoredAsync(turn, cancellationToken);
        var others = participant.Subscriptions.Where(s => !slugs.Contains(s.ProjectSlug, StringComparer.Ordinal));
        await participants.SaveAsync(participant with { Subscriptions = [.. others, .. slugs.Select(s => new Subscription(s, SubscriptionTopics.All))] }, cancellationToken);
        await optOuts.ForgetAsync(participant, cancellationToken);
        turn.Reply(DialogTexts.Format(textKey, turn.Language, await TitlesAsync(slugs, turn.Language, cancellationToken)));
    }

    /// <summary>"All projects" then each project, by slug.</summary>
    private Task<List<QuestionOption>> ProjectOptionsAsync(IEnumerable<string> slugs, CancellationToken cancellationToken) =>
        OptionsWithAllAsync(DialogTexts.AllProjects, slugs, async slug => (await projects.GetAsync(slug, cancellationToken))?.Title);

    private Task<List<QuestionOption>> ConsultationOptionsAsync(IEnumerable<string> ids, CancellationToken cancellationToken) =>
        OptionsWithAllAsync(DialogTexts.AllConsultations, ids, async id => (await consultations.GetAsync(id, cancellationToken))?.Title);

    /// <summary>"All …" (<paramref name="allText"/>) then one option per id, labelled with its title (the id when unknown).</summary>
    private static async Task<List<QuestionOption>> OptionsWithAllAsync(string allText, IEnumerable<string> ids, Func<string, Task<LocalizedText?>> titleOf)
    {
        var options = new List<QuestionOption> { new(AllOption, new LocalizedText(DialogTexts.Get(allText, "fr"), DialogTexts.Get(allText, "en"))) };
        foreach (var id in ids)
        {
            options.Add(new QuestionOption(id, await titleOf(id) ?? new LocalizedText(id, id)));
        }

        return options;
    }

    private async Task<string> TitlesAsync(IEnumerable<string> slugs, string language, CancellationToken cancellationToken)
    {
        var titles = new List<string>();
        foreach (var slug in slugs.Distinct(StringComparer.Ordinal))
        {
            titles.Add(Quote((await projects.GetAsync(slug, cancellationToken))?.Title.For(language) ?? slug, language));
        }

        return string.Join(", ", titles);
    }

    private static string Quote(string title, string language) =>
        language == "fr" ? string.Create(CultureInfo.InvariantCulture, $"«\u00a0{title}\u00a0»") : $"«{title}»";

    private static void Wait(DialogTurn turn, string step, IReadOnlyList<string> ids)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (turn.State.Stage is not (DialogStage.Idle or DialogStage.Feature))
        {
            data[ResumeKey] = turn.State.Stage.ToString();
        }

        if (ids.Count > 0)
        {
            data[IdsKey] = string.Join('\n', ids);
        }

        turn.State.EnterFeature(FeatureName, step, data);
    }

    /// <summary>Leaves the request's step and goes back to the stage it interrupted.</summary>
    private static void Resume(DialogTurn turn)
    {
        if (!turn.State.IsIn(FeatureName))
        {
            return;
        }

        var resume = turn.State.FeatureData?.GetValueOrDefault(ResumeKey);
        turn.State.LeaveFeature();
        if (Enum.TryParse<DialogStage>(resume, out var stage))
        {
            turn.State.Stage = stage;
        }
    }

    /// <summary>The request was declined (or the message was about something else, then handled as usual).</summary>
    private static RequestOutcome Decline(DialogTurn turn, string textKey, bool answered)
    {
        Resume(turn);
        turn.Say(textKey);
        return answered ? RequestOutcome.Done : RequestOutcome.NotHandled;
    }

    /// <summary>The sender as stored, or as a newcomer who has nothing stored yet (no consent, no subscription).</summary>
    private Task<Participant> RequireParticipantAsync(DialogTurn turn, CancellationToken cancellationToken) =>
        enrollment.CurrentAsync(turn, cancellationToken);
}
