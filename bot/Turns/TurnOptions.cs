using System.ComponentModel.DataAnnotations;

namespace EngagementBot.Bot.Turns;

/// <summary>How turns run (section <c>Turns</c>).</summary>
public sealed class TurnOptions
{
    public const string SectionName = "Turns";

    /// <summary>
    /// A turn still running after this long is acknowledged to the channel (HTTP 202) and finishes in the
    /// background; its later replies reach the user as proactive messages. Channels time out after ~10–15 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan AcknowledgeAfter { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long an invoke (whose answer must be synchronous) may run before it gets a 500 error response.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:30")]
    public TimeSpan InvokeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A turn that has not replied after this long shows a typing indicator.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromMilliseconds(700);

    /// <summary>Interval at which the typing indicator is repeated while the turn runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:00:10")]
    public TimeSpan TypingPeriod { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>Messages one conversation may send per <see cref="RateLimitWindow"/> before being asked to slow down.</summary>
    [Range(1, 10_000)]
    public int MessagesPerConversation { get; set; } = 20;

    /// <summary>Window of the per-conversation rate limit.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest message text the bot processes; longer ones get a polite refusal.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 5_000;

    /// <summary>Language used when the activity's locale is neither French nor English (<c>fr</c> or <c>en</c>).</summary>
    [RegularExpression("^(fr|en)$", ErrorMessage = "Turns:DefaultLanguage must be 'fr' or 'en'.")]
    public string DefaultLanguage { get; set; } = "fr";
}
