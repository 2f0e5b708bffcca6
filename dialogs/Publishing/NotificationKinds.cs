using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>What each <see cref="NotificationKind"/> means for publishing: its subscription topic and its name.</summary>
public static class NotificationKinds
{
    /// <summary>The subscription topic whose subscribers hear about a notification of this kind.</summary>
    public static SubscriptionTopics TopicOf(NotificationKind kind) => kind switch
    {
        NotificationKind.News => SubscriptionTopics.News,
        NotificationKind.InterimReport or NotificationKind.FinalResults => SubscriptionTopics.Results,
        NotificationKind.EventReminder => SubscriptionTopics.Events,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind."),
    };

    /// <summary>The kind's name for people ("news item", "rapport d'étape"…).</summary>
    public static string DisplayName(NotificationKind kind, string language) => PublishingTexts.Get(
        kind switch
        {
            NotificationKind.News => PublishingTexts.KindNews,
            NotificationKind.InterimReport => PublishingTexts.KindInterimReport,
            NotificationKind.FinalResults => PublishingTexts.KindFinalResults,
            _ => PublishingTexts.KindEventReminder,
        },
        language);
}
