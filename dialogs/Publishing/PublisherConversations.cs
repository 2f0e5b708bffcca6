using System.Text.Json;
using EngagementBot.Storage;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>Where the publisher of a notification gets its final delivery report, and whether it was sent.</summary>
/// <param name="ConversationReferenceId">The publisher's conversation (stored conversation reference).</param>
/// <param name="Language">The publisher's language.</param>
/// <param name="ReportSent">Whether the final report went out (it goes out once).</param>
public sealed record PublisherConversation(string ConversationReferenceId, string Language, bool ReportSent = false);

/// <summary>
/// Remembers, per notification published from a chat, the publisher's conversation (a small document in the state
/// store under <c>publishing:publisher:{notification id}</c>; no personal data beyond the reference id).
/// </summary>
public sealed class PublisherConversations(IStateStore state)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The state key for a notification.</summary>
    public static string Key(string notificationId) => "publishing:publisher:" + notificationId;

    /// <summary>Records the publisher's conversation.</summary>
    public Task RememberAsync(string notificationId, PublisherConversation publisher, CancellationToken cancellationToken) =>
        state.WriteAsync([new StateChange(Key(notificationId), JsonSerializer.Serialize(publisher, Json))], cancellationToken);

    /// <summary>
    /// Claims the right to send the final report: returns the publisher's conversation if it is known and no report went
    /// out yet (and marks it sent, conditionally on the stored version, so two callers never both get it).
    /// </summary>
    public async Task<PublisherConversation?> ClaimReportAsync(string notificationId, CancellationToken cancellationToken)
    {
        var key = Key(notificationId);
        var items = await state.ReadAsync([key], cancellationToken);
        if (!items.TryGetValue(key, out var item) || JsonSerializer.Deserialize<PublisherConversation>(item.Json, Json) is not { ReportSent: false } publisher)
        {
            return null;
        }

        try
        {
            await state.WriteAsync([new StateChange(key, JsonSerializer.Serialize(publisher with { ReportSent = true }, Json), item.ETag)], cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }

        return publisher;
    }
}
