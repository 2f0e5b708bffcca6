using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Notifications;

/// <summary>The message one recipient gets for a notification, in their language.</summary>
/// <param name="Replies">What to send.</param>
/// <param name="Language">The language it is written in (<c>fr</c> or <c>en</c>).</param>
public sealed record ComposedNotification(IReadOnlyList<DialogReply> Replies, string Language);

/// <summary>Writes the personal message of a notification for one recipient (used by the proactive dispatcher).</summary>
public interface INotificationComposer
{
    /// <summary>The message for <paramref name="recipient"/>.</summary>
    Task<ComposedNotification> ComposeAsync(Notification notification, Participant recipient, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the message of <paramref name="notification"/> depends on more of the recipient than their
    /// <see cref="Participant.PreferredLanguage"/>. When it does not, the dispatcher composes it once per language and
    /// gives every recipient of that language the same message. Composers that cannot tell keep the default (personal).
    /// </summary>
    bool IsPersonal(Notification notification) => true;

    /// <summary>
    /// Reads at once what the personal messages of a batch of deliveries need (e.g. every recipient's participation)
    /// and returns a composer that writes them without a read per recipient, or <see langword="null"/> when there is
    /// nothing to prepare (the default). The dispatcher shares the returned composer between its workers after the
    /// scope that prepared it has ended: it must be thread-safe and hold no scoped service.
    /// </summary>
    /// <param name="notifications">The batch's notifications.</param>
    /// <param name="recipients">The batch's recipients.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    Task<INotificationComposer?> PrepareAsync(
        IReadOnlyCollection<Notification> notifications, IReadOnlyCollection<Participant> recipients, CancellationToken cancellationToken) =>
        Task.FromResult<INotificationComposer?>(null);
}

/// <summary>Title, body and link in the recipient's language (default <c>fr</c>).</summary>
public sealed class PlainNotificationComposer : INotificationComposer
{
    /// <inheritdoc />
    public Task<ComposedNotification> ComposeAsync(Notification notification, Participant recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipient);
        var language = recipient.PreferredLanguage == "en" ? "en" : "fr";
        var text = $"**{notification.Title.For(language)}**\n\n{notification.Body.For(language)}";
        if (notification.Link is { } link)
        {
            text += $"\n\n{link}";
        }

        return Task.FromResult(new ComposedNotification([new TextReply(text)], language));
    }

    /// <inheritdoc />
    public bool IsPersonal(Notification notification) => false;
}
