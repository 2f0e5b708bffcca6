using System.Text.Json;
using EngagementBot.Storage;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>A small set of ids kept as one JSON document in the state store (optimistic concurrency with its ETag).</summary>
internal sealed class StateSet(IStateStore state, string key)
{
    /// <summary>The ids stored (empty when none) and the document's ETag.</summary>
    public async Task<(List<string> Ids, string? ETag)> ReadAsync(CancellationToken cancellationToken)
    {
        var items = await state.ReadAsync([key], cancellationToken);
        if (!items.TryGetValue(key, out var item))
        {
            return ([], null);
        }

        try
        {
            return (JsonSerializer.Deserialize<List<string>>(item.Json) ?? [], item.ETag);
        }
        catch (JsonException)
        {
            return ([], item.ETag);
        }
    }

    /// <summary>
    /// Replaces the ids (only if the document is still at <paramref name="etag"/>; when <paramref name="etag"/> is null,
    /// only if there is still no document).
    /// </summary>
    public Task WriteAsync(IReadOnlyCollection<string> ids, string? etag, CancellationToken cancellationToken) =>
        state.WriteAsync([new StateChange(key, JsonSerializer.Serialize(ids), etag ?? StateChange.NewItemETag)], cancellationToken);
}
