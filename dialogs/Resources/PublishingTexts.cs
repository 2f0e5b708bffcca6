using System.Globalization;

namespace EngagementBot.Dialogs.Resources;

/// <summary>
/// Texts of publishing (staff publish command, personal notification messages, delivery reports, event reminders), in
/// <c>PublishingTexts.resx</c> (English) and <c>PublishingTexts.fr.resx</c> (French).
/// </summary>
public static class PublishingTexts
{
    public const string NewsHeading = nameof(NewsHeading);
    public const string InterimHeading = nameof(InterimHeading);
    public const string ResultsHeading = nameof(ResultsHeading);
    public const string ReminderHeading = nameof(ReminderHeading);
    public const string YouTookPartResults = nameof(YouTookPartResults);
    public const string YouTookPartInterim = nameof(YouTookPartInterim);
    public const string ReadMore = nameof(ReadMore);
    public const string Register = nameof(Register);
    public const string StopHint = nameof(StopHint);
    public const string ReminderBody = nameof(ReminderBody);
    public const string ReminderPlace = nameof(ReminderPlace);
    public const string KindNews = nameof(KindNews);
    public const string KindInterimReport = nameof(KindInterimReport);
    public const string KindFinalResults = nameof(KindFinalResults);
    public const string KindEventReminder = nameof(KindEventReminder);
    public const string PublishUsage = nameof(PublishUsage);
    public const string PublishUnknownProject = nameof(PublishUnknownProject);
    public const string PublishAskText = nameof(PublishAskText);
    public const string PublishTextInvalid = nameof(PublishTextInvalid);
    public const string PublishPreviewTitle = nameof(PublishPreviewTitle);
    public const string PublishAudience = nameof(PublishAudience);
    public const string PublishOneLanguage = nameof(PublishOneLanguage);
    public const string PublishConfirmHint = nameof(PublishConfirmHint);
    public const string PublishConfirm = nameof(PublishConfirm);
    public const string PublishCancel = nameof(PublishCancel);
    public const string PublishCancelled = nameof(PublishCancelled);
    public const string PublishDone = nameof(PublishDone);
    public const string ProgressUsage = nameof(ProgressUsage);
    public const string ProgressUnknown = nameof(ProgressUnknown);
    public const string ProgressLine = nameof(ProgressLine);
    public const string ProgressTitle = nameof(ProgressTitle);
    public const string ReportTitle = nameof(ReportTitle);
    public const string ReportFinished = nameof(ReportFinished);
    public const string LabelProject = nameof(LabelProject);
    public const string LabelKind = nameof(LabelKind);
    public const string LabelAudience = nameof(LabelAudience);
    public const string LabelLink = nameof(LabelLink);
    public const string LabelSent = nameof(LabelSent);
    public const string LabelFailed = nameof(LabelFailed);
    public const string LabelUnreachable = nameof(LabelUnreachable);
    public const string LabelPending = nameof(LabelPending);
    public const string LabelTotal = nameof(LabelTotal);
    public const string LabelFrench = nameof(LabelFrench);
    public const string LabelEnglish = nameof(LabelEnglish);
    public const string ErrorNoText = nameof(ErrorNoText);
    public const string ErrorNoBody = nameof(ErrorNoBody);
    public const string ErrorLink = nameof(ErrorLink);
    public const string ErrorTooLong = nameof(ErrorTooLong);
    public const string ErrorTooManyParts = nameof(ErrorTooManyParts);
    public const string LanguageFrench = nameof(LanguageFrench);
    public const string LanguageEnglish = nameof(LanguageEnglish);
    public const string RemindMeDone = nameof(RemindMeDone);
    public const string RemindMeNone = nameof(RemindMeNone);
    public const string RemindMePick = nameof(RemindMePick);
    public const string ProgressLineWithdrawn = nameof(ProgressLineWithdrawn);
    public const string LabelWithdrawn = nameof(LabelWithdrawn);
    public const string ReportWithdrawn = nameof(ReportWithdrawn);
    public const string WithdrawNothing = nameof(WithdrawNothing);
    public const string WithdrawAsk = nameof(WithdrawAsk);
    public const string WithdrawHint = nameof(WithdrawHint);
    public const string WithdrawConfirm = nameof(WithdrawConfirm);
    public const string WithdrawKeep = nameof(WithdrawKeep);
    public const string WithdrawDone = nameof(WithdrawDone);
    public const string WithdrawDraftDone = nameof(WithdrawDraftDone);
    public const string WithdrawAlready = nameof(WithdrawAlready);
    public const string WithdrawTooLate = nameof(WithdrawTooLate);
    public const string WithdrawKept = nameof(WithdrawKept);
    public const string WithdrawAskDraft = nameof(WithdrawAskDraft);
    public const string WithdrawKeptDraft = nameof(WithdrawKeptDraft);

    private static readonly BilingualTexts Texts = new("EngagementBot.Dialogs.Resources.PublishingTexts", typeof(PublishingTexts).Assembly, "fr-CA", "en-CA");

    /// <summary>The culture used for numbers and dates of <paramref name="language"/>.</summary>
    public static CultureInfo Culture(string language) => Texts.Culture(language);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (<c>fr</c> or <c>en</c>).</summary>
    public static string Get(string key, string language) => Texts.Get(key, language);

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in.</summary>
    public static string Format(string key, string language, params object[] args) => Texts.Format(key, language, args);
}
