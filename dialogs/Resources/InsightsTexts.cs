using System.Globalization;

namespace EngagementBot.Dialogs.Resources;

/// <summary>
/// The staff insights texts (summary, theme, report card), in <c>InsightsTexts.resx</c> (English) and
/// <c>InsightsTexts.fr.resx</c> (French).
/// </summary>
public static class InsightsTexts
{
    public const string SummaryAck = nameof(SummaryAck);
    public const string ThemeAck = nameof(ThemeAck);
    public const string Busy = nameof(Busy);
    public const string Failed = nameof(Failed);
    public const string Usage = nameof(Usage);
    public const string UnknownScope = nameof(UnknownScope);
    public const string UnknownQuestion = nameof(UnknownQuestion);
    public const string ThemeNeedsName = nameof(ThemeNeedsName);
    public const string ThemeNotFound = nameof(ThemeNotFound);
    public const string AllProjects = nameof(AllProjects);
    public const string ReportTitle = nameof(ReportTitle);
    public const string Filters = nameof(Filters);
    public const string FilterQuestion = nameof(FilterQuestion);
    public const string FilterSince = nameof(FilterSince);
    public const string FilterUntil = nameof(FilterUntil);
    public const string FilterLanguage = nameof(FilterLanguage);
    public const string NoFilter = nameof(NoFilter);
    public const string Responses = nameof(Responses);
    public const string ResponsesLine = nameof(ResponsesLine);
    public const string Sentiment = nameof(Sentiment);
    public const string Positive = nameof(Positive);
    public const string Neutral = nameof(Neutral);
    public const string Negative = nameof(Negative);
    public const string Mixed = nameof(Mixed);
    public const string Themes = nameof(Themes);
    public const string ThemeLine = nameof(ThemeLine);
    public const string Summary = nameof(Summary);
    public const string KeyPhrases = nameof(KeyPhrases);
    public const string Languages = nameof(Languages);
    public const string LanguageLine = nameof(LanguageLine);
    public const string Kpis = nameof(Kpis);
    public const string Participants = nameof(Participants);
    public const string Completion = nameof(Completion);
    public const string MedianTime = nameof(MedianTime);
    public const string OptIn = nameof(OptIn);
    public const string AnsweredWithinTarget = nameof(AnsweredWithinTarget);
    public const string ReturnRate = nameof(ReturnRate);
    public const string Relationship = nameof(Relationship);
    public const string Reliability = nameof(Reliability);
    public const string Transparency = nameof(Transparency);
    public const string Involvement = nameof(Involvement);
    public const string Investment = nameof(Investment);
    public const string Commitment = nameof(Commitment);
    public const string NotAvailable = nameof(NotAvailable);
    public const string OfCount = nameof(OfCount);
    public const string Minutes = nameof(Minutes);
    public const string Hours = nameof(Hours);
    public const string Days = nameof(Days);
    public const string ExportCsv = nameof(ExportCsv);
    public const string ExportHtml = nameof(ExportHtml);
    public const string LinksExpire = nameof(LinksExpire);
    public const string NoComments = nameof(NoComments);
    public const string ThemeTitle = nameof(ThemeTitle);
    public const string ThemeComments = nameof(ThemeComments);
    public const string MoreComments = nameof(MoreComments);
    public const string Response = nameof(Response);
    public const string GeneratedAt = nameof(GeneratedAt);
    public const string French = nameof(French);
    public const string English = nameof(English);
    public const string CommentsHeading = nameof(CommentsHeading);
    public const string OtherLanguage = nameof(OtherLanguage);
    public const string ThemeDetails = nameof(ThemeDetails);
    public const string ImportedLine = nameof(ImportedLine);

    private static readonly BilingualTexts Texts = new("EngagementBot.Dialogs.Resources.InsightsTexts", typeof(InsightsTexts).Assembly);

    /// <summary>The culture used for numbers and dates of <paramref name="language"/>.</summary>
    public static CultureInfo Culture(string language) => Texts.Culture(language);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (<c>fr</c> or <c>en</c>).</summary>
    public static string Get(string key, string language) => Texts.Get(key, language);

    /// <summary>The text for <paramref name="key"/> with its placeholders filled in.</summary>
    public static string Format(string key, string language, params object[] args) => Texts.Format(key, language, args);
}
