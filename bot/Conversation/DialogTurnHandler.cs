using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Rendering;
using EngagementBot.Bot.Turns;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// Feeds a turn to the dialogs: identifies the participant (a newcomer is stored, with the conversation reference,
/// only when the dialogs first keep something about them), reads typed text or card values, runs the dialog and
/// sends its replies rendered for the channel.
/// </summary>
public static class DialogTurnHandler
{
    /// <summary>Runs the dialog for a message (or a card action: <paramref name="actionText"/>/<paramref name="actionData"/>).</summary>
    public static async Task RunAsync(TurnContext turn, string? actionText, JsonElement? actionData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var registry = turn.Services.GetRequiredService<ParticipantRegistry>();
        var runner = turn.Services.GetRequiredService<DialogRunner>();
        var (participant, newcomer) = await registry.IdentifyAsync(activity, cancellationToken);
        var language = participant.PreferredLanguage ?? turn.Language;
        var capabilities = ChannelProfile.For(activity);
        var text = string.IsNullOrWhiteSpace(activity.Text) ? actionText : activity.Text;
        var input = new DialogInput(
            ConversationKey(activity),
            participant.Id,
            text,
            ValuesOf(actionData ?? activity.Value),
            language,
            capabilities)
        {
            Sender = SenderOf(activity),
            Newcomer = newcomer,
            ConversationReferenceId = activity.Conversation?.Id is { } conversationId
                ? ConversationReferenceRecord.CreateId(participant.ChannelId, conversationId, participant.UserId)
                : null,
        };

        var result = await runner.RunAsync(input, cancellationToken);
        turn.Language = result.Language;
        var replies = ReplyRenderer.Render(result.Replies, capabilities, result.Language);
        if (replies.Count > 0)
        {
            await turn.SendActivitiesAsync(replies, cancellationToken);
        }
    }

    /// <summary>Who sent the activity, as the dialogs see it.</summary>
    public static SenderIdentity SenderOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new SenderIdentity(
            activity.ChannelId ?? "unknown",
            activity.From?.Id ?? "anonymous",
            activity.From?.AadObjectId,
            activity.Conversation?.TenantId,
            activity.From?.Name);
    }

    /// <summary>The dialog state key of the sender in this conversation.</summary>
    public static string ConversationKey(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return $"{activity.ChannelId}/conversations/{activity.Conversation?.Id}/users/{activity.From?.Id}";
    }

    /// <summary>The string (and number/boolean) properties of a card submit value.</summary>
    public static Dictionary<string, string>? ValuesOf(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                _ => null,
            };
            if (text is not null)
            {
                values[property.Name] = text;
            }
        }

        return values;
    }

    /// <summary>The <c>data</c> object of a Teams <c>adaptiveCard/action</c> invoke.</summary>
    public static JsonElement? InvokeData(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : null;
}
