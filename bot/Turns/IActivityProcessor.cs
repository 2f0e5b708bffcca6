using System.Security.Claims;
using EngagementBot.Bot.Protocol.Schema;

namespace EngagementBot.Bot.Turns;

/// <summary>
/// Runs one turn for an authenticated inbound activity: the entry point shared by <c>POST /api/messages</c>
/// and the embedded Direct Line. Replies go out through the connector client (or are collected when the
/// activity asks for <c>expectReplies</c>).
/// </summary>
public interface IActivityProcessor
{
    /// <returns>
    /// What the HTTP caller should receive: an invoke response for invokes, the collected replies for
    /// <c>expectReplies</c>, or nothing (HTTP 200 with an empty body).
    /// </returns>
    Task<TurnOutcome> ProcessAsync(Activity activity, ClaimsIdentity identity, CancellationToken cancellationToken);
}

/// <summary>The synchronous part of a turn's result.</summary>
public sealed record TurnOutcome(InvokeResponse? InvokeResponse, ExpectedReplies? ExpectedReplies, bool Acknowledged)
{
    public static TurnOutcome Completed { get; } = new(null, null, false);

    /// <summary>The turn outlived the acknowledgement deadline and goes on in the background.</summary>
    public static TurnOutcome Accepted { get; } = new(null, null, true);
}
