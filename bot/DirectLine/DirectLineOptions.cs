namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// Settings of the embedded Direct Line 3.0 service (configuration section <c>DirectLine</c>), the zero-cloud
/// channel that the local Web Chat page talks to.
/// </summary>
public sealed class DirectLineOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "DirectLine";

    /// <summary>
    /// Whether the embedded Direct Line and the Web Chat page are served. Unset: on in the Development
    /// environment, off everywhere else.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>How long a Direct Line token is valid, in seconds (<c>expires_in</c>). Default 3,600 (1 hour).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How many conversations are kept in memory at once; new ones are refused (429) beyond it.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>A conversation with no traffic and no open stream for this many minutes is forgotten. Default 30.</summary>
    public int IdleExpiryMinutes { get; set; } = 30;

    /// <summary>How many activities each conversation keeps for <c>GET …/activities</c> and stream reconnects.</summary>
    public int MaxHistory { get; set; } = 500;

    /// <summary>Seconds between the empty keep-alive frames sent on an idle WebSocket stream. Default 15.</summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// The bot's own origin as seen by its connector client (the <c>serviceUrl</c> stamped on Direct Line
    /// activities), e.g. <c>http://127.0.0.1:3978</c>. Unset: the first http address the server listens on,
    /// with a wildcard or <c>localhost</c> host rewritten to <c>127.0.0.1</c>.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The bot's account id in Direct Line conversations (<c>recipient.id</c> / <c>from.id</c>).</summary>
    public string BotId { get; set; } = "engagementbot";

    /// <summary>The bot's display name in Direct Line conversations.</summary>
    public string BotName { get; set; } = "EngagementBot";

    /// <summary>True once post-configuration resolved <see cref="Enabled"/> (it always does when registered through DI).</summary>
    internal bool IsEnabled => Enabled == true;

    internal TimeSpan TokenLifetime => TimeSpan.FromSeconds(TokenLifetimeSeconds);

    internal TimeSpan IdleExpiry => TimeSpan.FromMinutes(IdleExpiryMinutes);

    internal TimeSpan KeepAliveInterval => TimeSpan.FromSeconds(KeepAliveSeconds);
}
