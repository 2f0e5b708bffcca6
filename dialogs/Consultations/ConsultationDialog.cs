using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Dialogs.Understanding;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Consultations;

/// <summary>
/// The conversation logic: global commands at any point, then the consultation runner (consent, one question
/// at a time from the consultation's data, show-if, skip, validation, recap and change, submit, updates opt-in).
/// Every answer is stored the moment it is given; the pending step lives in <see cref="DialogState"/>.
/// </summary>
public sealed class ConsultationDialog(
    IProjectStore projects,
    IConsultationStore consultations,
    IParticipantStore participants,
    IResponseStore responses,
    IIntentRecognizer recognizer,
    ParticipantRequests requests,
    ParticipantEnrollment enrollment,
    IPersonalDataEraser eraser,
    Lazy<IEnumerable<IPersonalDataHolder>> holders,
    TimeProvider timeProvider) : IDialog
{
    /// <inheritdoc />
    public async Task RunAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = turn.Input.AnswerText;
        var command = Commands.Detect(text);
        if (command != GlobalCommand.None)
        {
            await HandleCommandAsync(turn, command, cancellationToken);
            return;
        }

        switch (turn.State.Stage)
        {
            case DialogStage.Consent:
                await HandleConsentAsync(turn, text, cancellationToken);
                break;
            case DialogStage.Question:
                await HandleAnswerAsync(turn, text, cancellationToken);
                break;
            case DialogStage.Recap:
                await HandleRecapAsync(turn, text, cancellationToken);
                break;
            case DialogStage.Subscribe:
                await HandleSubscribeAsync(turn, text, cancellationToken);
                break;
            case DialogStage.ChoosingConsultation:
                await HandleConsultationChoiceAsync(turn, text, cancellationToken);
                break;
            default:
                await HandleIdleAsync(turn, text, cancellationToken);
                break;
        }
    }

    private async Task HandleCommandAsync(DialogTurn turn, GlobalCommand command, CancellationToken cancellationToken)
    {
        var busy = turn.State.Stage is not (DialogStage.Idle or DialogStage.Feature);
        switch (command)
        {
            case GlobalCommand.Help:
                turn.Say(busy ? DialogTexts.HelpDuringQuestion : DialogTexts.Help);
                break;
            case GlobalCommand.Status:
                await SayStatusAsync(turn, cancellationToken);
                break;
            case GlobalCommand.English or GlobalCommand.French:
                turn.Language = command == GlobalCommand.English ? "en" : "fr";
                await SaveLanguageAsync(turn, cancellationToken);
                turn.Say(DialogTexts.LanguageSwitched);
                break;
            case GlobalCommand.Cancel:
                turn.Say(busy ? DialogTexts.Paused : DialogTexts.NothingToCancel);
                turn.State.Stage = DialogStage.Idle;
                return;
            case GlobalCommand.Stop or GlobalCommand.Subscribe or GlobalCommand.Delete or GlobalCommand.Withdraw:
                // Normally taken first by ParticipantRequestsFeature; the same requests when that feature is not registered.
                if (await requests.BeginAsync(turn, command, sms: false, cancellationToken) != RequestOutcome.Done)
                {
                    return;
                }

                busy = turn.State.Stage is not (DialogStage.Idle or DialogStage.Feature);
                break;
            case GlobalCommand.Export:
                await ExportAsync(turn, cancellationToken);
                break;
        }

        if (busy)
        {
            turn.Say(DialogTexts.BackToQuestion);
            await RepromptAsync(turn, cancellationToken);
        }
    }

    private async Task HandleIdleAsync(DialogTurn turn, string text, CancellationToken cancellationToken)
    {
        if (Commands.IsStart(text))
        {
            await StartAsync(turn, cancellationToken);
            return;
        }

        var intent = text.Length == 0 ? Intents.Other : recognizer.Recognize(text).Intent;
        switch (intent)
        {
            case Intents.ConsultationStart:
                await StartAsync(turn, cancellationToken);
                break;
            case Intents.Help:
                turn.Say(DialogTexts.Help);
                break;
            case Intents.ProjectStatus or Intents.ProjectTimeline:
                await SayStatusAsync(turn, cancellationToken);
                break;
            case Intents.SubscriptionUnsubscribe:
                await requests.BeginAsync(turn, GlobalCommand.Stop, sms: false, cancellationToken);
                break;
            case Intents.SubscriptionSubscribe:
                await requests.BeginAsync(turn, GlobalCommand.Subscribe, sms: false, cancellationToken);
                break;
            case Intents.PrivacyExport:
                await ExportAsync(turn, cancellationToken);
                break;
            case Intents.PrivacyDelete:
                await requests.BeginAsync(turn, GlobalCommand.Delete, sms: false, cancellationToken);
                break;
            default:
                turn.Say(DialogTexts.NotUnderstood);
                break;
        }
    }

    private async Task StartAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var all = await ListConsultationsAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var open = all.Where(c => c.IsOpenAt(now)).ToList();
        if (open.Count == 1)
        {
            await BeginAsync(turn, open[0], cancellationToken);
            return;
        }

        if (open.Count > 1)
        {
            turn.State.Stage = DialogStage.ChoosingConsultation;
            turn.State.Offered = [.. open.Select(c => c.Id)];
            turn.Prompt(ChoicePrompt(turn, PromptKind.Choice, turn.Text(DialogTexts.PickConsultation), open.Select(c => new PromptChoice(c.Id, c.Title.For(turn.Language))).ToList()));
            return;
        }

        if (all.Count == 0)
        {
            turn.Say(DialogTexts.NoConsultation);
            return;
        }

        foreach (var consultation in all)
        {
            var title = consultation.Title.For(turn.Language);
            turn.Reply(now < consultation.OpensAt
                ? DialogTexts.Format(DialogTexts.NotYetOpen, turn.Language, title, Dates.Format(Dates.LocalDate(consultation.OpensAt), turn.Language), Dates.Format(LastDay(consultation), turn.Language))
                : DialogTexts.Format(DialogTexts.AlreadyClosed, turn.Language, title, Dates.Format(LastDay(consultation), turn.Language)));
        }

        turn.State.Stage = DialogStage.Subscribe;
        turn.State.ProjectSlug = all[^1].ProjectSlug;
        turn.Prompt(YesNoPrompt(turn, turn.Text(DialogTexts.OfferNotify)));
    }

    private async Task HandleConsultationChoiceAsync(DialogTurn turn, string text, CancellationToken cancellationToken)
    {
        var offered = new List<Consultation>();
        foreach (var id in turn.State.Offered)
        {
            if (await consultations.GetAsync(id, cancellationToken) is { } c)
            {
                offered.Add(c);
            }
        }

        var options = offered.Select(c => new QuestionOption(c.Id, c.Title)).ToList();
        if (AnswerParser.FindOption(options, text) is { } picked)
        {
            await BeginAsync(turn, offered.First(c => c.Id == picked.Id), cancellationToken);
            return;
        }

        turn.Reply(DialogTexts.Format(DialogTexts.InvalidIntro, turn.Language, DialogTexts.Format(DialogTexts.ErrorChoice, turn.Language, text, options.Count)));
        await RepromptAsync(turn, cancellationToken);
    }

    private async Task BeginAsync(DialogTurn turn, Consultation consultation, CancellationToken cancellationToken)
    {
        turn.State.ConsultationId = consultation.Id;
        turn.State.ProjectSlug = consultation.ProjectSlug;
        var participant = await enrollment.CurrentAsync(turn, cancellationToken);
        if (!HasConsent(participant, consultation))
        {
            turn.State.Stage = DialogStage.Consent;
            turn.Prompt(ConsentPrompt(turn, consultation));
            return;
        }

        var response = await responses.FindAsync(participant.Id, consultation.Id, cancellationToken);
        if (response?.SubmittedAt is not null)
        {
            turn.Say(DialogTexts.RecapAfterSubmit);
            ShowRecap(turn, consultation, response);
            return;
        }

        if (response is null && consultation.Introduction is { } introduction)
        {
            turn.Reply(introduction.For(turn.Language));
        }

        response ??= await responses.StartAsync(participant.Id, consultation.Id, cancellationToken);
        await AskNextAsync(turn, consultation, response, cancellationToken);
    }

    private async Task HandleConsentAsync(DialogTurn turn, string text, CancellationToken cancellationToken)
    {
        var consultation = await CurrentConsultationAsync(turn, cancellationToken);
        if (consultation is null)
        {
            return;
        }

        switch (AnswerParser.ParseYesNo(text))
        {
            case true:
                var participant = await RequireParticipantAsync(turn, cancellationToken);
                var consent = new ConsentRecord(consultation.Id, consultation.Consent.Version, timeProvider.GetUtcNow());
                await participants.SaveAsync(participant with { Consents = [.. participant.Consents, consent] }, cancellationToken);
                if (consultation.Introduction is { } introduction)
                {
                    turn.Reply(introduction.For(turn.Language));
                }

                var response = await responses.StartAsync(participant.Id, consultation.Id, cancellationToken);
                await AskNextAsync(turn, consultation, response, cancellationToken);
                break;
            case false:
                turn.State.Stage = DialogStage.Idle;
                turn.Say(DialogTexts.ConsentDeclined);
                break;
            default:
                turn.Say(DialogTexts.ConsentInvalid);
                turn.Prompt(ConsentPrompt(turn, consultation));
                break;
        }
    }

    private async Task HandleAnswerAsync(DialogTurn turn, string text, CancellationToken cancellationToken)
    {
        var consultation = await CurrentConsultationAsync(turn, cancellationToken);
        var question = consultation?.FindQuestion(turn.State.QuestionId ?? string.Empty);
        if (consultation is null || question is null)
        {
            turn.State.Stage = DialogStage.Idle;
            if (consultation is not null)
            {
                await StartAsync(turn, cancellationToken);
            }

            return;
        }

        var participantId = await enrollment.EnsureStoredIdAsync(turn, cancellationToken);
        var response = await responses.StartAsync(participantId, consultation.Id, cancellationToken);
        if (Commands.IsSkip(text))
        {
            if (!question.Optional)
            {
                turn.Reply(DialogTexts.Format(DialogTexts.InvalidIntro, turn.Language, turn.Text(DialogTexts.ErrorRequired)));
                turn.Prompt(QuestionPrompt(turn, consultation, question, response));
                return;
            }

            if (response.AnswerTo(question.Id) is not null)
            {
                var etag = await responses.RemoveAnswerAsync(response.Id, question.Id, null, cancellationToken);
                response = response.WithoutAnswer(question.Id, etag, timeProvider.GetUtcNow());
            }

            if (!turn.State.Skipped.Contains(question.Id))
            {
                turn.State.Skipped.Add(question.Id);
            }

            turn.Say(DialogTexts.Skipped);
        }
        else
        {
            var parsed = AnswerParser.Parse(question, text, turn.Language);
            if (parsed.Value is null)
            {
                turn.Reply(DialogTexts.Format(DialogTexts.InvalidIntro, turn.Language, parsed.Error!));
                turn.Prompt(QuestionPrompt(turn, consultation, question, response));
                return;
            }

            var answer = new Answer(question.Id, parsed.Value, timeProvider.GetUtcNow());
            var etag = await responses.SaveAnswerAsync(response.Id, answer, null, cancellationToken);
            response = response.WithAnswer(answer, etag);
            turn.State.Skipped.Remove(question.Id);
            turn.Say(DialogTexts.Saved);
        }

        // The response as stored now, without reading it back: this turn holds the conversation and the writes.
        response = await RemoveHiddenAnswersAsync(consultation, response, turn, cancellationToken);
        await AskNextAsync(turn, consultation, response, cancellationToken);
    }

    private async Task<Response> RemoveHiddenAnswersAsync(Consultation consultation, Response response, DialogTurn turn, CancellationToken cancellationToken)
    {
        foreach (var question in consultation.Questions)
        {
            if (!IsVisible(question, response) && response.AnswerTo(question.Id) is not null)
            {
                var etag = await responses.RemoveAnswerAsync(response.Id, question.Id, null, cancellationToken);
                response = response.WithoutAnswer(question.Id, etag, timeProvider.GetUtcNow());
            }

            if (!IsVisible(question, response))
            {
                turn.State.Skipped.Remove(question.Id);
            }
        }

        return response;
    }

    private async Task AskNextAsync(DialogTurn turn, Consultation consultation, Response response, CancellationToken cancellationToken)
    {
        if (!consultation.IsOpenAt(timeProvider.GetUtcNow()))
        {
            turn.State.Stage = DialogStage.Idle;
            turn.Say(DialogTexts.ConsultationClosedNow);
            return;
        }

        var next = consultation.Questions.FirstOrDefault(q =>
            IsVisible(q, response) && response.AnswerTo(q.Id) is null && !turn.State.Skipped.Contains(q.Id));
        if (next is null)
        {
            ShowRecap(turn, consultation, response);
            return;
        }

        turn.State.Stage = DialogStage.Question;
        turn.State.QuestionId = next.Id;
        turn.Prompt(QuestionPrompt(turn, consultation, next, response));
        await Task.CompletedTask;
    }

    private void ShowRecap(DialogTurn turn, Consultation consultation, Response response)
    {
        turn.State.Stage = DialogStage.Recap;
        turn.State.QuestionId = null;
        var builder = new StringBuilder(turn.Text(DialogTexts.RecapTitle)).Append("\n\n");
        var number = 0;
        foreach (var question in RecapQuestions(consultation, response, turn.State))
        {
            number++;
            var answer = response.AnswerTo(question.Id);
            builder.Append(CultureInfo.InvariantCulture, $"{number}. {question.Prompt.For(turn.Language)} — **{(answer is null ? turn.Text(DialogTexts.RecapSkipped) : Describe(question, answer, turn.Language))}**\n");
        }

        turn.Reply(builder.ToString().TrimEnd());
        turn.Prompt(ChoicePrompt(turn, PromptKind.Choice, turn.Text(DialogTexts.RecapPrompt), [new PromptChoice("submit", turn.Text(DialogTexts.SubmitChoice))]));
    }

    private static List<Question> RecapQuestions(Consultation consultation, Response response, DialogState state) =>
        [.. consultation.Questions.Where(q => IsVisible(q, response) && (response.AnswerTo(q.Id) is not null || state.Skipped.Contains(q.Id)))];

    private async Task HandleRecapAsync(DialogTurn turn, string text, CancellationToken cancellationToken)
    {
        var consultation = await CurrentConsultationAsync(turn, cancellationToken);
        if (consultation is null)
        {
            return;
        }

        var participantId = await enrollment.EnsureStoredIdAsync(turn, cancellationToken);
        var response = await responses.StartAsync(participantId, consultation.Id, cancellationToken);
        var listed = RecapQuestions(consultation, response, turn.State);
        if (Commands.IsSubmit(text) || (text == "1" && Commands.ChangeRequest(text) is null))
        {
            await SubmitAsync(turn, consultation, response, cancellationToken);
            return;
        }

        if (Commands.ChangeRequest(text) is { } n)
        {
            if (n < 1 || n > listed.Count)
            {
                turn.Reply(DialogTexts.Format(DialogTexts.RecapChangeWhich, turn.Language, listed.Count));
                return;
            }

            var question = listed[n - 1];
            turn.State.Stage = DialogStage.Question;
            turn.State.QuestionId = question.Id;
            turn.Prompt(QuestionPrompt(turn, consultation, question, response));
            return;
        }

        turn.Say(DialogTexts.RecapPrompt);
    }

    private async Task SubmitAsync(DialogTurn turn, Consultation consultation, Response response, CancellationToken cancellationToken)
    {
        if (!consultation.IsOpenAt(timeProvider.GetUtcNow()))
        {
            turn.State.Stage = DialogStage.Idle;
            turn.Say(DialogTexts.ConsultationClosedNow);
            return;
        }

        await responses.SubmitAsync(response.Id, null, cancellationToken);
        turn.Reply(DialogTexts.Format(DialogTexts.Thanks, turn.Language, consultation.Title.For(turn.Language)));
        var project = await projects.GetAsync(consultation.ProjectSlug, cancellationToken);
        if (project is not null)
        {
            var currentIndex = project.Timeline.ToList().FindIndex(p => p.Id == project.CurrentPhaseId);
            var next = project.Timeline.Skip(currentIndex + 1).FirstOrDefault(p => p.Status == PhaseStatus.Upcoming);
            if (next is not null)
            {
                turn.Reply(DialogTexts.Format(DialogTexts.WhatNext, turn.Language, next.Title.For(turn.Language), Dates.Format(next.Start, turn.Language), project.HowInputIsUsed.For(turn.Language)));
            }
        }

        var participant = await enrollment.CurrentAsync(turn, cancellationToken);
        if (participant.Subscriptions.Any(s => s.ProjectSlug == consultation.ProjectSlug && s.Topics.HasFlag(SubscriptionTopics.Results)))
        {
            turn.State.Stage = DialogStage.Idle;
            return;
        }

        turn.State.Stage = DialogStage.Subscribe;
        turn.State.ProjectSlug = consultation.ProjectSlug;
        turn.Prompt(YesNoPrompt(turn, turn.Text(DialogTexts.OfferUpdates)));
    }

    private async Task HandleSubscribeAsync(DialogTurn turn, string text, CancellationToken cancellationToken)
    {
        switch (AnswerParser.ParseYesNo(text))
        {
            case true:
                var participant = await RequireParticipantAsync(turn, cancellationToken);
                var slug = turn.State.ProjectSlug ?? string.Empty;
                var others = participant.Subscriptions.Where(s => s.ProjectSlug != slug);
                await participants.SaveAsync(participant with { Subscriptions = [.. others, new Subscription(slug, SubscriptionTopics.All)] }, cancellationToken);
                turn.State.Stage = DialogStage.Idle;
                turn.Say(DialogTexts.Subscribed);
                break;
            case false:
                turn.State.Stage = DialogStage.Idle;
                turn.Say(DialogTexts.NotSubscribed);
                break;
            default:
                turn.State.Stage = DialogStage.Idle;
                await RunAsync(turn, cancellationToken);
                break;
        }
    }

    /// <summary>After an interruption handled elsewhere: back to the pending question, if any.</summary>
    public async Task ResumeAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.Stage is DialogStage.Idle or DialogStage.Feature)
        {
            return;
        }

        turn.Say(DialogTexts.BackToQuestion);
        await RepromptAsync(turn, cancellationToken);
    }

    private async Task RepromptAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var consultation = turn.State.ConsultationId is null ? null : await consultations.GetAsync(turn.State.ConsultationId, cancellationToken);
        switch (turn.State.Stage)
        {
            case DialogStage.Consent when consultation is not null:
                turn.Prompt(ConsentPrompt(turn, consultation));
                break;
            case DialogStage.Question when consultation?.FindQuestion(turn.State.QuestionId ?? string.Empty) is { } question:
                var participant = await RequireParticipantAsync(turn, cancellationToken);
                var response = await responses.StartAsync(participant.Id, consultation.Id, cancellationToken);
                turn.Prompt(QuestionPrompt(turn, consultation, question, response));
                break;
            case DialogStage.Recap when consultation is not null:
                var p = await RequireParticipantAsync(turn, cancellationToken);
                ShowRecap(turn, consultation, await responses.StartAsync(p.Id, consultation.Id, cancellationToken));
                break;
            case DialogStage.Subscribe:
                turn.Prompt(YesNoPrompt(turn, turn.Text(DialogTexts.OfferUpdates)));
                break;
            case DialogStage.ChoosingConsultation:
                turn.State.Stage = DialogStage.Idle;
                await StartAsync(turn, cancellationToken);
                break;
        }
    }

    private async Task SayStatusAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var project = turn.State.ProjectSlug is { } slug ? await projects.GetAsync(slug, cancellationToken) : await FirstProjectAsync(cancellationToken);
        if (project is null)
        {
            turn.Say(DialogTexts.StatusUnknown);
            return;
        }

        turn.Reply(ProjectInfo.StatusAnswer.Compose(project, turn.Language));
    }

    private async Task SaveLanguageAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        // A language asked for is kept, so later turns and proactive messages use it: a reason to store a newcomer.
        var participant = await enrollment.EnsureStoredAsync(turn, cancellationToken);
        if (participant.PreferredLanguage != turn.Language)
        {
            await participants.SaveAsync(participant with { PreferredLanguage = turn.Language }, cancellationToken);
        }
    }

    private async Task ExportAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        // Everything stored about the participant (references, state, questions to staff, deliveries included), as erasure sees it.
        if (!ParticipantEnrollment.IsStored(turn))
        {
            turn.Say(DialogTexts.ExportNothingStored);
            return;
        }

        var participant = await enrollment.CurrentAsync(turn, cancellationToken);
        var export = await eraser.ExportParticipantAsync(participant.Id, cancellationToken)
            ?? throw new InvalidOperationException($"The participant '{participant.Id}' disappeared during the export.");
        export = export with
        {
            Participant = export.Participant with { ETag = null },
            Responses = [.. export.Responses.Select(r => r with { ETag = null })],
        };
        turn.Reply(DialogTexts.Format(
            DialogTexts.ExportSummary,
            turn.Language,
            participant.PreferredLanguage ?? turn.Language,
            participant.Consents.Count,
            participant.Subscriptions.Count,
            export.Responses.Count,
            export.Responses.Sum(r => r.Answers.Count)));
        // What the features keep elsewhere (the reminders asked for…), each under its own name.
        var document = JsonSerializer.SerializeToNode(export, StorageJson.Options)!.AsObject();
        foreach (var holder in holders.Value)
        {
            if (await holder.ExportAsync(participant.Id, cancellationToken) is { Count: > 0 } lines)
            {
                document[holder.ExportName] = new JsonArray([.. lines.Select(line => (JsonNode)JsonValue.Create(line))]);
            }
        }

        turn.Replies.Add(new FileReply("engagementbot-my-data.json", document.ToJsonString(StorageJson.Options)));
    }

    /// <summary>The sender as stored: consent, answers and subscriptions are kept about them (a newcomer is stored now).</summary>
    private Task<Participant> RequireParticipantAsync(DialogTurn turn, CancellationToken cancellationToken) =>
        enrollment.EnsureStoredAsync(turn, cancellationToken);

    private async Task<Consultation?> CurrentConsultationAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        var consultation = turn.State.ConsultationId is null ? null : await consultations.GetAsync(turn.State.ConsultationId, cancellationToken);
        if (consultation is null)
        {
            turn.State.Stage = DialogStage.Idle;
            turn.Say(DialogTexts.NoConsultation);
            return null;
        }

        if (!consultation.IsOpenAt(timeProvider.GetUtcNow()))
        {
            turn.State.Stage = DialogStage.Idle;
            turn.Say(DialogTexts.ConsultationClosedNow);
            return null;
        }

        return consultation;
    }

    private async Task<List<Consultation>> ListConsultationsAsync(CancellationToken cancellationToken)
    {
        var all = new List<Consultation>();
        var page = await projects.ListAsync(PageRequest.First(), cancellationToken);
        foreach (var project in page.Items)
        {
            var list = await consultations.ListByProjectAsync(project.Slug, PageRequest.First(), cancellationToken);
            all.AddRange(list.Items);
        }

        return all;
    }

    private async Task<Project?> FirstProjectAsync(CancellationToken cancellationToken) =>
        (await projects.ListAsync(PageRequest.First(1), cancellationToken)).Items.FirstOrDefault();

    private static bool HasConsent(Participant participant, Consultation consultation) =>
        participant.Consents.Any(c => c.ConsultationId == consultation.Id && c.Version == consultation.Consent.Version && c.WithdrawnAt is null);

    private static bool IsVisible(Question question, Response response) =>
        question.ShowIf is not { } rule || rule.IsSatisfiedBy(response.AnswerTo(rule.QuestionId));

    private static DateOnly LastDay(Consultation consultation) => Dates.LocalDate(consultation.ClosesAt.AddTicks(-1));

    private static string Describe(Question question, AnswerValue answer, string language)
    {
        string Label(string id) => question is OptionsQuestion options
            ? options.Options.FirstOrDefault(o => o.Id == id)?.Label.For(language) ?? id
            : id;
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-CA" : "en-CA");
        return answer switch
        {
            ChoiceAnswer c => Label(c.OptionId),
            MultiChoiceAnswer m => string.Join("; ", m.OptionIds.Select(Label)), // labels may hold commas ("Picnics, relaxing")
            RankingAnswer r => string.Join(" > ", r.OptionIds.Select(Label)),
            RatingAnswer r when question is RatingQuestion { Labels: var labels } && labels.TryGetValue(r.Value, out var point) =>
                $"{r.Value.ToString(culture)} – {point.For(language)}", // as on the buttons: "3 – Somewhat"
            RatingAnswer r => r.Value.ToString(culture),
            YesNoAnswer y => DialogTexts.Get(y.Value ? DialogTexts.Yes : DialogTexts.No, language),
            NumberAnswer n => n.Value.ToString("G", culture),
            TextAnswer t => t.Text,
            DateAnswer d => Dates.Format(d.Value, language),
            _ => string.Empty,
        };
    }

    private static PromptReply ConsentPrompt(DialogTurn turn, Consultation consultation)
    {
        var text = DialogTexts.Format(DialogTexts.ConsentPrompt, turn.Language, consultation.Title.For(turn.Language), consultation.Consent.Text.For(turn.Language));
        if (consultation.Consent.Link is { } link)
        {
            text += "\n\n" + DialogTexts.Format(DialogTexts.ConsentLink, turn.Language, link);
        }

        return YesNoPrompt(turn, text);
    }

    private static PromptReply QuestionPrompt(DialogTurn turn, Consultation consultation, Question question, Response response)
    {
        var language = turn.Language;
        var number = consultation.Questions.Where(q => IsVisible(q, response)).TakeWhile(q => q.Id != question.Id).Count() + 1;
        var text = new StringBuilder()
            .Append(DialogTexts.Format(DialogTexts.QuestionHeader, language, number)).Append(" — ")
            .Append(question.Prompt.For(language));
        if (question.Help is { } help)
        {
            text.Append("\n\n_").Append(help.For(language)).Append('_');
        }

        if (question.Optional)
        {
            text.Append("\n\n").Append(DialogTexts.Get(DialogTexts.OptionalHint, language));
        }

        var prompt = text.ToString();
        switch (question)
        {
            case ChoiceQuestion choice:
                return ChoicePrompt(turn, PromptKind.Choice, prompt, Choices(choice, language));
            case MultiChoiceQuestion multi:
                var max = multi.MaxSelections ?? multi.Options.Count;
                return ChoicePrompt(turn, PromptKind.MultiChoice, prompt, Choices(multi, language)) with
                {
                    MinSelections = multi.MinSelections,
                    MaxSelections = max,
                    TextFallback = Numbered(prompt, Choices(multi, language)) + "\n\n" + DialogTexts.Format(DialogTexts.ReplyWithNumbers, language, "1, 3"),
                };
            case RankingQuestion ranking:
                var count = ranking.RankCount ?? ranking.Options.Count;
                var hint = DialogTexts.Format(DialogTexts.RankingHint, language, count, string.Join(", ", Enumerable.Range(1, count).Reverse()));
                return new PromptReply
                {
                    Text = Numbered(prompt, Choices(ranking, language)) + "\n\n" + hint,
                    Kind = PromptKind.Ranking,
                    Choices = Choices(ranking, language),
                    MaxSelections = count,
                    TextFallback = Numbered(prompt, Choices(ranking, language)) + "\n\n" + hint,
                    SubmitLabel = DialogTexts.Get(DialogTexts.Send, language),
                };
            case RatingQuestion rating:
                var points = Enumerable.Range(rating.ScaleMin, rating.ScaleMax - rating.ScaleMin + 1)
                    .Select(p => new PromptChoice(p.ToString(CultureInfo.InvariantCulture), rating.Labels.TryGetValue(p, out var label) ? $"{p} – {label.For(language)}" : p.ToString(CultureInfo.InvariantCulture)))
                    .ToList();
                var ratingPrompt = ChoicePrompt(turn, PromptKind.Rating, prompt, points);
                return ratingPrompt with { TextFallback = prompt + "\n\n" + string.Join("\n", points.Select(p => p.Label)) + "\n\n" + ReplyWithNumbers(points.Select(p => p.Value).ToList(), language) };
            case YesNoQuestion:
                return YesNoPrompt(turn, prompt);
            default:
                return new PromptReply
                {
                    Text = prompt,
                    Kind = PromptKind.Free,
                    TextFallback = prompt,
                    SubmitLabel = DialogTexts.Get(DialogTexts.Send, language),
                };
        }
    }

    private static List<PromptChoice> Choices(OptionsQuestion question, string language) =>
        [.. question.Options.Select(o => new PromptChoice(o.Id, o.Label.For(language)))];

    /// <summary>A yes/no prompt (card, buttons or numbered text, by channel).</summary>
    internal static PromptReply YesNoPrompt(DialogTurn turn, string text) =>
        ChoicePrompt(turn, PromptKind.YesNo, text, [new PromptChoice("yes", turn.Text(DialogTexts.Yes)), new PromptChoice("no", turn.Text(DialogTexts.No))]);

    /// <summary>A choice prompt (card, buttons or numbered text, by channel).</summary>
    internal static PromptReply ChoicePrompt(DialogTurn turn, PromptKind kind, string text, IReadOnlyList<PromptChoice> choices) => new()
    {
        Text = text,
        Kind = kind,
        Choices = choices,
        TextFallback = Numbered(text, choices) + "\n\n" + ReplyWithNumbers([.. Enumerable.Range(1, choices.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))], turn.Language),
        SubmitLabel = turn.Text(DialogTexts.Send),
    };

    private static string Numbered(string text, IReadOnlyList<PromptChoice> choices) =>
        text + "\n\n" + string.Join("\n", choices.Select((c, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {c.Label}"));

    private static string ReplyWithNumbers(IReadOnlyList<string> values, string language)
    {
        var list = values.Count <= 1
            ? string.Join(string.Empty, values)
            : string.Join(", ", values.Take(values.Count - 1)) + " " + DialogTexts.Get(DialogTexts.Or, language) + " " + values[^1];
        return DialogTexts.Format(DialogTexts.ReplyWithNumber, language, list);
    }
}

