using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Rendering;

/// <summary>
/// Which client posted an activity, on a channel that carries clients rendering differently. On Direct Line it is
/// the Web Chat (botframework-webchat 4.x, ours at <c>/</c> or on a site through Azure's Direct Line) when the
/// activity has Web Chat's own marks: Web Chat puts <c>channelData.clientActivityID</c> on every activity it posts
/// (to match the echo) and a <c>ClientCapabilities</c> entity on its first one. Anything else on Direct Line is a
/// generic client (an app on botframework-directlinejs, a kiosk, a voice front end), not assumed to show cards.
/// Other channels say enough by their id: <see langword="null"/>.
/// </summary>
public static class ChannelClients
{
    /// <summary>Web Chat's per-activity id in <c>channelData</c>.</summary>
    public const string ClientActivityIdProperty = "clientActivityID";

    /// <summary>The entity type Web Chat adds to the first activity it posts.</summary>
    public const string ClientCapabilitiesEntity = "ClientCapabilities";

    /// <summary>The client that posted <paramref name="activity"/> (a message or an invoke), where the channel has several.</summary>
    public static ChatClient? Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.Equals(activity.ChannelId, Channels.DirectLine, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return HasClientActivityId(activity.ChannelData) || HasClientCapabilities(activity.Entities)
            ? ChatClient.WebChat
            : ChatClient.GenericDirectLine;
    }

    private static bool HasClientActivityId(JsonElement? channelData) =>
        channelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty(ClientActivityIdProperty, out var id)
        && id.ValueKind == JsonValueKind.String
        && id.GetString()!.Length > 0;

    private static bool HasClientCapabilities(List<Entity>? entities) =>
        entities is not null && entities.Exists(e => string.Equals(e.Type, ClientCapabilitiesEntity, StringComparison.Ordinal));
}
