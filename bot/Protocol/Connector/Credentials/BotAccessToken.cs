namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>An access token and the instant it stops being valid.</summary>
public sealed record BotAccessToken(string Token, DateTimeOffset ExpiresOn);
