using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>The conversations of a page of participants in one read (the fan-out's lookup).</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task References_of_many_participants_are_read_together_as_each_alone_returns_them()
    {
        // More participants than one query takes (the relational stores read in chunks of 500); two with two
        // conversations, one with none, one unknown.
        var ids = Enumerable.Range(0, 510).Select(i => "fan-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids.Take(505))
        {
            await SaveReferenceAsync(id, "a:conv-" + id, Reachability.Reachable, "tenant-1");
        }

        await SaveReferenceAsync("fan-000", "webchat-fan-000", Reachability.Unknown, null, ChatClient.WebChat, "Europe/Paris");
        await SaveReferenceAsync("fan-504", "a:second-fan-504", Reachability.Unreachable, "tenant-1");
        ids.Add("fan-000"); // asked twice: listed once

        var together = await In<IConversationReferenceStore, IReadOnlyList<ConversationReferenceRecord>>(s => s.ListByParticipantsAsync(ids, CancellationToken.None));

        Assert.Equal(507, together.Count);
        Assert.Equal(together.OrderBy(r => r.ParticipantId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id), together.Select(r => r.Id));
        foreach (var id in new[] { "fan-000", "fan-250", "fan-504", "fan-507" })
        {
            var alone = await In<IConversationReferenceStore, IReadOnlyList<ConversationReferenceRecord>>(s => s.ListByParticipantAsync(id, CancellationToken.None));
            Assert.Equal(alone.Select(StorageJson.Serialize), together.Where(r => r.ParticipantId == id).Select(StorageJson.Serialize));
        }

        Assert.Equal(2, together.Count(r => r.ParticipantId == "fan-000"));
        Assert.Empty(await In<IConversationReferenceStore, IReadOnlyList<ConversationReferenceRecord>>(s => s.ListByParticipantsAsync([], CancellationToken.None)));
    }
}
