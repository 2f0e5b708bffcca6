
namespace EngagementBot.Dialogs.Resources;

/// <summary>
/// Texts of the project answers (status, timeline, key dates, news, listeners, results, impact, FAQ), in <c>ProjectInfoTexts.resx</c> (English) and <c>ProjectInfoTexts.fr.resx</c> (French).
/// </summary>
public static class ProjectInfoTexts
{
    public const string PickProject = nameof(PickProject);
    public const string NoProject = nameof(NoProject);
    public const string StatusCurrent = nameof(StatusCurrent);
    public const string StatusMeaning = nameof(StatusMeaning);
    public const string StatusNext = nameof(StatusNext);
    public const string StatusLast = nameof(StatusLast);
    public const string StatusUnknown = nameof(StatusUnknown);
    public const string StatusMore = nameof(StatusMore);
    public const string PhaseRange = nameof(PhaseRange);
    public const string PhaseFrom = nameof(PhaseFrom);
    public const string PhaseDone = nameof(PhaseDone);
    public const string PhaseCurrent = nameof(PhaseCurrent);
    public const string PhaseUpcoming = nameof(PhaseUpcoming);
    public const string TimelineTitle = nameof(TimelineTitle);
    public const string TimelineLine = nameof(TimelineLine);
    public const string KeyDatesTitle = nameof(KeyDatesTitle);
    public const string KeyDateWhen = nameof(KeyDateWhen);
    public const string KeyDatePlace = nameof(KeyDatePlace);
    public const string KeyDateOnline = nameof(KeyDateOnline);
    public const string KeyDateRegister = nameof(KeyDateRegister);
    public const string NoUpcomingEvents = nameof(NoUpcomingEvents);
    public const string OfferReminder = nameof(OfferReminder);
    public const string ReminderSaved = nameof(ReminderSaved);
    public const string ReminderDeclined = nameof(ReminderDeclined);
    public const string NewsTitle = nameof(NewsTitle);
    public const string NewsLine = nameof(NewsLine);
    public const string NewsLink = nameof(NewsLink);
    public const string NoNews = nameof(NoNews);
    public const string ListenersTitle = nameof(ListenersTitle);
    public const string ListenerLine = nameof(ListenerLine);
    public const string NoListeners = nameof(NoListeners);
    public const string ResultsFinal = nameof(ResultsFinal);
    public const string ResultsInterim = nameof(ResultsInterim);
    public const string ResultsLink = nameof(ResultsLink);
    public const string ResultsPending = nameof(ResultsPending);
    public const string ResultsPendingNoDate = nameof(ResultsPendingNoDate);
    public const string OfferResultsNotify = nameof(OfferResultsNotify);
    public const string ResultsNotifySaved = nameof(ResultsNotifySaved);
    public const string ResultsNotifyDeclined = nameof(ResultsNotifyDeclined);
    public const string AlreadyNotified = nameof(AlreadyNotified);
    public const string ImpactAnswer = nameof(ImpactAnswer);
    public const string FaqAnswer = nameof(FaqAnswer);
    public const string YesNoHint = nameof(YesNoHint);

    private static readonly BilingualTexts Texts = new("EngagementBot.Dialogs.Resources.ProjectInfoTexts", typeof(ProjectInfoTexts).Assembly);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (<c>fr</c> or <c>en</c>).</summary>
    public static string Get(string key, string language) => Texts.Get(key, language);

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in.</summary>
    public static string Format(string key, string language, params object[] args) => Texts.Format(key, language, args);
}
