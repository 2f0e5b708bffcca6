using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Bot.Rendering;

/// <summary>
/// What a conversation can show: Adaptive Cards natively on msteams, webchat, emulator and the Web Chat over Direct
/// Line; suggested actions with per-channel limits (Direct Line, Telegram, Facebook, LINE, Teams 1:1); plain numbered
/// text elsewhere (SMS, e-mail…). Direct Line carries other clients too (<see cref="ChannelClients"/>): those get
/// suggested actions and text, never cards, and so does a Direct Line conversation whose client is not known.
/// </summary>
public static class ChannelProfile
{
    /// <summary>The capabilities of the conversation an incoming activity came from.</summary>
    public static ChannelCapabilities For(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return For(activity.ChannelId, ChannelClients.Of(activity), activity.Conversation?.IsGroup == true);
    }

    /// <summary>The capabilities of a stored conversation (proactive messages): its channel and the client last seen in it.</summary>
    public static ChannelCapabilities For(ConversationReferenceRecord reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return For(reference.ChannelId, reference.Client, reference.ConversationType is "channel" or "groupChat");
    }

    /// <summary>The capabilities of a channel and client (Teams suggested actions only in 1:1 conversations).</summary>
    public static ChannelCapabilities For(string? channelId, ChatClient? client, bool isGroup)
    {
        var id = channelId?.ToLowerInvariant() ?? string.Empty;
        var cards = id switch
        {
            Channels.MsTeams or Channels.WebChat or Channels.Emulator => true,
            Channels.DirectLine => client == ChatClient.WebChat,
            _ => false,
        };
        var suggested = id switch
        {
            Channels.Facebook => 10,
            Channels.Line => 13,
            Channels.Telegram or Channels.Emulator or Channels.DirectLine or Channels.WebChat => 100,
            Channels.MsTeams => isGroup ? 0 : 3,
            _ => 0,
        };
        return new ChannelCapabilities(cards, suggested);
    }
}
