
namespace EngagementBot.Dialogs.Resources;

/// <summary>
/// The dialogs' user-facing texts, in <c>DialogTexts.resx</c> (English) and <c>DialogTexts.fr.resx</c> (French).
/// Look a text up by key and language; never write user-facing text inline in code.
/// </summary>
public static class DialogTexts
{
    public const string Help = nameof(Help);
    public const string NotUnderstood = nameof(NotUnderstood);
    public const string HelpDuringQuestion = nameof(HelpDuringQuestion);
    public const string BackToQuestion = nameof(BackToQuestion);
    public const string Paused = nameof(Paused);
    public const string NothingToCancel = nameof(NothingToCancel);
    public const string LanguageSwitched = nameof(LanguageSwitched);
    public const string StatusPhase = nameof(StatusPhase);
    public const string StatusUnknown = nameof(StatusUnknown);
    public const string NoConsultation = nameof(NoConsultation);
    public const string NotYetOpen = nameof(NotYetOpen);
    public const string AlreadyClosed = nameof(AlreadyClosed);
    public const string OfferNotify = nameof(OfferNotify);
    public const string PickConsultation = nameof(PickConsultation);
    public const string ConsentPrompt = nameof(ConsentPrompt);
    public const string ConsentLink = nameof(ConsentLink);
    public const string ConsentDeclined = nameof(ConsentDeclined);
    public const string ConsentInvalid = nameof(ConsentInvalid);
    public const string QuestionHeader = nameof(QuestionHeader);
    public const string OptionalHint = nameof(OptionalHint);
    public const string ReplyWithNumber = nameof(ReplyWithNumber);
    public const string ReplyWithNumbers = nameof(ReplyWithNumbers);
    public const string RankingHint = nameof(RankingHint);
    public const string Or = nameof(Or);
    public const string Send = nameof(Send);
    public const string Yes = nameof(Yes);
    public const string No = nameof(No);
    public const string Saved = nameof(Saved);
    public const string Skipped = nameof(Skipped);
    public const string InvalidIntro = nameof(InvalidIntro);
    public const string ErrorRequired = nameof(ErrorRequired);
    public const string ErrorEmpty = nameof(ErrorEmpty);
    public const string ErrorChoice = nameof(ErrorChoice);
    public const string StopNothing = nameof(StopNothing);
    public const string HelpStaff = nameof(HelpStaff);
    public const string ErrorAmbiguousChoice = nameof(ErrorAmbiguousChoice);
    public const string ErrorSelectionCount = nameof(ErrorSelectionCount);
    public const string ErrorDuplicate = nameof(ErrorDuplicate);
    public const string ErrorRankCount = nameof(ErrorRankCount);
    public const string ErrorRating = nameof(ErrorRating);
    public const string ErrorYesNo = nameof(ErrorYesNo);
    public const string ErrorNumber = nameof(ErrorNumber);
    public const string ErrorNumberRange = nameof(ErrorNumberRange);
    public const string ErrorDecimals = nameof(ErrorDecimals);
    public const string ErrorWholeNumber = nameof(ErrorWholeNumber);
    public const string ErrorTextTooLong = nameof(ErrorTextTooLong);
    public const string ErrorDate = nameof(ErrorDate);
    public const string ErrorDateRange = nameof(ErrorDateRange);
    public const string RecapTitle = nameof(RecapTitle);
    public const string RecapSkipped = nameof(RecapSkipped);
    public const string RecapPrompt = nameof(RecapPrompt);
    public const string RecapAfterSubmit = nameof(RecapAfterSubmit);
    public const string RecapChangeWhich = nameof(RecapChangeWhich);
    public const string SubmitChoice = nameof(SubmitChoice);
    public const string Thanks = nameof(Thanks);
    public const string WhatNext = nameof(WhatNext);
    public const string OfferUpdates = nameof(OfferUpdates);
    public const string Subscribed = nameof(Subscribed);
    public const string NotSubscribed = nameof(NotSubscribed);
    public const string ConsultationClosedNow = nameof(ConsultationClosedNow);
    public const string ExportSummary = nameof(ExportSummary);
    public const string ExportNothingStored = nameof(ExportNothingStored);
    public const string DeleteConfirm = nameof(DeleteConfirm);
    public const string DeleteResponsesNone = nameof(DeleteResponsesNone);
    public const string DeleteResponsesAnonymized = nameof(DeleteResponsesAnonymized);
    public const string DeleteResponsesDeleted = nameof(DeleteResponsesDeleted);
    public const string DeleteDone = nameof(DeleteDone);
    public const string DeleteCancelled = nameof(DeleteCancelled);
    public const string WithdrawConfirm = nameof(WithdrawConfirm);
    public const string WithdrawEffectAnonymized = nameof(WithdrawEffectAnonymized);
    public const string WithdrawEffectDeleted = nameof(WithdrawEffectDeleted);
    public const string WithdrawEffectNoAnswers = nameof(WithdrawEffectNoAnswers);
    public const string WithdrawDone = nameof(WithdrawDone);
    public const string WithdrawDoneAnonymized = nameof(WithdrawDoneAnonymized);
    public const string WithdrawDoneDeleted = nameof(WithdrawDoneDeleted);
    public const string WithdrawNothing = nameof(WithdrawNothing);
    public const string WithdrawCancelled = nameof(WithdrawCancelled);
    public const string StopAll = nameof(StopAll);
    public const string StopProject = nameof(StopProject);
    public const string StopWhich = nameof(StopWhich);
    public const string AllProjects = nameof(AllProjects);
    public const string AllConsultations = nameof(AllConsultations);
    public const string WithdrawWhich = nameof(WithdrawWhich);
    public const string StopKept = nameof(StopKept);
    public const string SmsStopped = nameof(SmsStopped);
    public const string Resubscribed = nameof(Resubscribed);
    public const string SubscribedTo = nameof(SubscribedTo);
    public const string SubscribeWhich = nameof(SubscribeWhich);
    public const string SubscribeKept = nameof(SubscribeKept);
    public const string NoProject = nameof(NoProject);
    public const string StaffOnly = nameof(StaffOnly);

    private static readonly BilingualTexts Texts = new("EngagementBot.Dialogs.Resources.DialogTexts", typeof(DialogTexts).Assembly);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (<c>fr</c> or <c>en</c>).</summary>
    public static string Get(string key, string language) => Texts.Get(key, language);

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in.</summary>
    public static string Format(string key, string language, params object[] args) => Texts.Format(key, language, args);
}
