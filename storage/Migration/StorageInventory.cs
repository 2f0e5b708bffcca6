using EngagementBot.Storage.Relational;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Migration;

/// <summary>What <see cref="StorageMigration"/> copies, in the order it copies it (what an item refers to comes first).</summary>
public enum StoredKind
{
    /// <summary>Projects (content).</summary>
    Projects,

    /// <summary>Consultations and their questions (content).</summary>
    Consultations,

    /// <summary>Participants with their consent records and subscriptions.</summary>
    Participants,

    /// <summary>Conversation references (where proactive messages go).</summary>
    ConversationReferences,

    /// <summary>Responses with their answers (anonymous copies included).</summary>
    Responses,

    /// <summary>Questions citizens asked staff.</summary>
    CitizenQuestions,

    /// <summary>Notifications (the outbox's messages).</summary>
    Notifications,

    /// <summary>Deliveries (the outbox: one per recipient, in whatever status they are).</summary>
    Deliveries,

    /// <summary>Conversation and dialog state.</summary>
    State,
}

/// <summary>
/// The keys of everything a store holds, kind by kind — what the store interfaces cannot list (there is no "every
/// participant" or "every state key" query on the hot paths). Items are then read through the stores.
/// </summary>
internal interface IStorageInventory
{
    /// <summary>Every key (id, slug or state key) of one kind, ordered.</summary>
    Task<IReadOnlyList<string>> KeysAsync(StoredKind kind, CancellationToken cancellationToken);
}

/// <summary>The inventory of a relational store (SQLite, PostgreSQL): one ordered key query per table.</summary>
internal sealed class RelationalStorageInventory(RelationalSession session) : IStorageInventory
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> KeysAsync(StoredKind kind, CancellationToken cancellationToken)
    {
        var db = session.Context;
        IQueryable<string> keys = kind switch
        {
            StoredKind.Projects => db.Projects.Select(r => r.Slug),
            StoredKind.Consultations => db.Consultations.Select(r => r.Id),
            StoredKind.Participants => db.Participants.Select(r => r.Id),
            StoredKind.ConversationReferences => db.ConversationReferences.Select(r => r.Id),
            StoredKind.Responses => db.Responses.Select(r => r.Id),
            StoredKind.CitizenQuestions => db.CitizenQuestions.Select(r => r.Id),
            StoredKind.Notifications => db.Notifications.Select(r => r.Id),
            StoredKind.Deliveries => db.Deliveries.Select(r => r.Id),
            StoredKind.State => db.State.Select(r => r.StateKey),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return await keys.OrderBy(k => k).ToListAsync(cancellationToken);
    }
}
