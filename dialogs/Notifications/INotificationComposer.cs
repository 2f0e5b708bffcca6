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
