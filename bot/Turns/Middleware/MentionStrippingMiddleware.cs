using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Turns.Middleware;

/// <summary>
/// In Teams channels and group chats a user addresses the bot with an <c>&lt;at&gt;Bot&lt;/at&gt;</c> mention
/// that lands in the message text. This removes the bot's own mentions (those whose mentioned id is the
/// activity's recipient) so that handlers see only what the user said.
/// </summary>
public sealed class MentionStrippingMiddleware : ITurnMiddleware
{
    public Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.IsType(ActivityTypes.Message) && activity.Text is { Length: > 0 } && activity.Entities is { Count: > 0 })
        {
            activity.Text = RemoveRecipientMentions(activity);
        }

        return next(cancellationToken);
    }

    public static string? RemoveRecipientMentions(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        var botId = activity.Recipient?.Id;
        if (text is null || botId is null || activity.Entities is null)
        {
            return text;
        }

        foreach (var entity in activity.Entities)
        {
            var mention = SafeAsMention(entity);
            if (mention?.Mentioned?.Id is { } mentionedId
                && string.Equals(mentionedId, botId, StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text.Trim();
    }

    private static Mention? SafeAsMention(Entity entity)
    {
        try
        {
            return entity.AsMention();
        }
        catch (System.Text.Json.JsonException)
        {
            // A malformed mention entity (e.g. "mentioned": 42) is ignored, not fatal.
            return null;
        }
    }
}
