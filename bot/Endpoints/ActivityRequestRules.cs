using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Endpoints;

/// <summary>
/// What an inbound activity must carry before the bot looks at it: a type and a channel id (protocol),
/// and — so that the bot can answer at all — an absolute http(s) service URL and a conversation id.
/// Returns the reason when it does not, or null.
/// </summary>
public static class ActivityRequestRules
{
    public static string? Validate(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no 'channelId'.";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return "The activity has no 'serviceUrl'; the bot could not answer it.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity's 'serviceUrl' is not an absolute http(s) URL.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (activity.IsType(ActivityTypes.Invoke) && string.IsNullOrWhiteSpace(activity.Name))
        {
            return "An invoke activity must have a 'name'.";
        }

        return null;
    }

    /// <summary>True for http(s) URLs on 127.0.0.0/8, [::1] or localhost.</summary>
    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));
}
