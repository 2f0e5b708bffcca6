
namespace EngagementBot.Dialogs.Resources;

/// <summary>
/// Texts of the ask-staff loop (citizen offer and confirmation, staff question list and answers, overdue notices), in <c>AskStaffTexts.resx</c> (English) and <c>AskStaffTexts.fr.resx</c> (French).
/// </summary>
public static class AskStaffTexts
{
    public const string OfferAskStaff = nameof(OfferAskStaff);
    public const string AskWhatQuestion = nameof(AskWhatQuestion);
    public const string QuestionStored = nameof(QuestionStored);
    public const string QuestionNotSent = nameof(QuestionNotSent);
    public const string ResponderTeam = nameof(ResponderTeam);
    public const string ResponderListener = nameof(ResponderListener);
    public const string QuestionTooShort = nameof(QuestionTooShort);
    public const string QuestionsNone = nameof(QuestionsNone);
    public const string QuestionsTitle = nameof(QuestionsTitle);
    public const string QuestionLine = nameof(QuestionLine);
    public const string Overdue = nameof(Overdue);
    public const string NoProjectName = nameof(NoProjectName);
    public const string QuestionsHowToAnswer = nameof(QuestionsHowToAnswer);
    public const string CardAnswerPlaceholder = nameof(CardAnswerPlaceholder);
    public const string CardAddToFaq = nameof(CardAddToFaq);
    public const string CardSend = nameof(CardSend);
    public const string LanguageFr = nameof(LanguageFr);
    public const string LanguageEn = nameof(LanguageEn);
    public const string AnswerUsage = nameof(AnswerUsage);
    public const string AnswerUnknownQuestion = nameof(AnswerUnknownQuestion);
    public const string AnswerEmpty = nameof(AnswerEmpty);
    public const string AnswerDelivered = nameof(AnswerDelivered);
    public const string AnswerAddedToFaq = nameof(AnswerAddedToFaq);
    public const string AnswerNoFaqProject = nameof(AnswerNoFaqProject);
    public const string AnswerUnreachable = nameof(AnswerUnreachable);
    public const string AnswerFailed = nameof(AnswerFailed);
    public const string AnswerAlreadyClosed = nameof(AnswerAlreadyClosed);
    public const string AnswerIntro = nameof(AnswerIntro);
    public const string OverdueNotice = nameof(OverdueNotice);
    public const string DurationDays = nameof(DurationDays);
    public const string DurationWholeDays = nameof(DurationWholeDays);
    public const string DurationHours = nameof(DurationHours);
    public const string DurationMinutes = nameof(DurationMinutes);

    private static readonly BilingualTexts Texts = new("EngagementBot.Dialogs.Resources.AskStaffTexts", typeof(AskStaffTexts).Assembly);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (<c>fr</c> or <c>en</c>).</summary>
    public static string Get(string key, string language) => Texts.Get(key, language);

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in.</summary>
    public static string Format(string key, string language, params object[] args) => Texts.Format(key, language, args);
}
