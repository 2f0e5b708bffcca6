using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Bot.Rendering;

/// <summary>
/// What each channel can show (see protocol.md "Channel capabilities"): Adaptive Cards natively on msteams,
/// webchat, directline and emulator; suggested actions with per-channel limits; plain text elsewhere.
/// </summary>
public static class ChannelProfile
{
    /// <summary>The capabilities of a channel (Teams suggested actions only in 1:1 conversations).</summary>
    public static ChannelCapabilities For(string? channelId, bool isGroup)
    {
        var id = channelId?.ToLowerInvariant() ?? string.Empty;
        var cards = id is Channels.MsTeams or Channels.WebChat or Channels.DirectLine or Channels.Emulator;
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
