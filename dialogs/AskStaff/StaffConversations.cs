using EngagementBot.Storage;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>
/// The conversations in which staff talked to the bot (their stored conversation reference ids), remembered so
/// overdue notices can reach them. Kept in the state store under <see cref="Key"/>.
/// </summary>
public sealed class StaffConversations(IStateStore state)
{
    /// <summary>The state key.</summary>
    public const string Key = "ask-staff/staff-conversations";

    private const int MaxRemembered = 200;

    private readonly StateSet _set = new(state, Key);

    /// <summary>Remembers <paramref name="conversationReferenceId"/> (no write when it is already known).</summary>
    public async Task RememberAsync(string conversationReferenceId, CancellationToken cancellationToken)
    {
        var (ids, etag) = await _set.ReadAsync(cancellationToken);
        if (ids.Contains(conversationReferenceId, StringComparer.Ordinal))
        {
            return;
        }

        ids.Add(conversationReferenceId);
        await _set.WriteAsync(ids.Count > MaxRemembered ? ids[^MaxRemembered..] : ids, etag, cancellationToken);
    }

    /// <summary>The remembered conversation reference ids, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => (await _set.ReadAsync(cancellationToken)).Ids;
}
