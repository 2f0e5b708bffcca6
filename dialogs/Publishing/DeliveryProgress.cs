using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>Where a notification's deliveries stand.</summary>
/// <param name="Total">Deliveries written (one per recipient conversation, unreachable ones included).</param>
/// <param name="Sent">Accepted by the channel.</param>
/// <param name="Failed">Given up after retries.</param>
/// <param name="Unreachable">Not sent: the conversation is unreachable (or the recipient unsubscribed).</param>
/// <param name="Pending">Waiting or being sent.</param>
/// <param name="Withdrawn">Not sent because staff withdrew the notification.</param>
public sealed record DeliveryProgress(int Total, int Sent, int Failed, int Unreachable, int Pending, int Withdrawn = 0)
{
    /// <summary>Whether every delivery reached a final state.</summary>
    public bool IsFinished => Pending == 0;

    /// <summary>"1 234 / 5 000 envoyés, 3 en échec, 12 injoignables, 0 en attente" (", 3 766 retirés" once withdrawn) in the language.</summary>
    public string Describe(string language) => Withdrawn == 0
        ? PublishingTexts.Format(
            PublishingTexts.ProgressLine, language, Number(Sent, language), Number(Total, language), Number(Failed, language), Number(Unreachable, language), Number(Pending, language))
        : PublishingTexts.Format(
            PublishingTexts.ProgressLineWithdrawn, language, Number(Sent, language), Number(Total, language), Number(Failed, language), Number(Unreachable, language),
            Number(Pending, language), Number(Withdrawn, language));

    /// <summary>A count with the language's digit grouping.</summary>
    public static string Number(int value, string language) => value.ToString("N0", PublishingTexts.Culture(language));
}

/// <summary>Counts a notification's deliveries by state.</summary>
public interface IDeliveryProgressSource
{
    /// <summary>The counts for <paramref name="notificationId"/>.</summary>
    Task<DeliveryProgress> GetAsync(string notificationId, CancellationToken cancellationToken);
}

/// <summary>The store's own count (<see cref="INotificationStore.GetDeliveryProgressAsync"/>: one grouped query).</summary>
public sealed class StoreDeliveryProgressSource(INotificationStore notifications) : IDeliveryProgressSource
{
    /// <inheritdoc />
    public async Task<DeliveryProgress> GetAsync(string notificationId, CancellationToken cancellationToken)
    {
        var counts = await notifications.GetDeliveryProgressAsync(notificationId, cancellationToken);
        return new DeliveryProgress(counts.Total, counts.Sent, counts.Failed, counts.Unreachable, counts.Pending + counts.Sending, counts.Withdrawn);
    }
}
