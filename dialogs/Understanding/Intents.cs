namespace EngagementBot.Dialogs.Understanding;

/// <summary>The intent names the recognizer produces; the dialogs route on these exact strings.</summary>
public static class Intents
{
    /// <summary>Where the project is now (current phase, decided or not, started or not).</summary>
    public const string ProjectStatus = "project.status";

    /// <summary>The phases and when things will happen (start, duration, completion, next steps).</summary>
    public const string ProjectTimeline = "project.timeline";

    /// <summary>Upcoming public events (meetings, workshops, open houses) and how to register.</summary>
    public const string ProjectKeyDates = "project.keydates";

    /// <summary>The latest updates and announcements.</summary>
    public const string ProjectNews = "project.news";

    /// <summary>Who reads the input, who is responsible, who decides.</summary>
    public const string ProjectListeners = "project.listeners";

    /// <summary>What came out of the consultation: reports, summaries, participation figures.</summary>
    public const string ProjectResults = "project.results";

    /// <summary>How the input is used and whether it can change the decision.</summary>
    public const string ProjectImpact = "project.impact";

    /// <summary>The citizen wants to take part: give an opinion, answer the questionnaire.</summary>
    public const string ConsultationStart = "consultation.start";

    /// <summary>The citizen wants to receive updates or notifications.</summary>
    public const string SubscriptionSubscribe = "subscription.subscribe";

    /// <summary>The citizen wants no more updates or messages.</summary>
    public const string SubscriptionUnsubscribe = "subscription.unsubscribe";

    /// <summary>The citizen asks which personal data is kept, or for a copy of it.</summary>
    public const string PrivacyExport = "privacy.export";

    /// <summary>The citizen asks for their personal data or answers to be erased.</summary>
    public const string PrivacyDelete = "privacy.delete";

    /// <summary>What the bot is and what it can do.</summary>
    public const string Help = "help";

    /// <summary>A question on a specific topic of the project that the FAQ should answer.</summary>
    public const string Faq = "faq";

    /// <summary>Anything unrelated to the project (other city services, small talk, off-topic).</summary>
    public const string Other = "other";

    /// <summary>Every intent, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ProjectStatus, ProjectTimeline, ProjectKeyDates, ProjectNews, ProjectListeners, ProjectResults,
        ProjectImpact, ConsultationStart, SubscriptionSubscribe, SubscriptionUnsubscribe, PrivacyExport,
        PrivacyDelete, Help, Faq, Other,
    ];

    /// <summary>Whether <paramref name="intent"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? intent) => intent is not null && All.Contains(intent, StringComparer.Ordinal);
}
