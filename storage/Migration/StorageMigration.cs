using System.Collections.ObjectModel;
using System.Text.Json;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Migration;

/// <summary>How one kind of item fared in a migration.</summary>
/// <param name="Kind">What was copied.</param>
/// <param name="Source">How many the source holds.</param>
/// <param name="Copied">Written to the target by this run.</param>
/// <param name="Unchanged">Already in the target with the same content (an earlier run).</param>
/// <param name="Conflicts">In the target with other content, or blocked by another item there: left as they are.</param>
public sealed record MigratedKind(StoredKind Kind, int Source, int Copied, int Unchanged, int Conflicts);

/// <summary>One item the target already holds differently.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Key">Its id, slug or state key.</param>
/// <param name="Reason">What differs.</param>
public sealed record MigrationConflict(StoredKind Kind, string Key, string Reason);

/// <summary>The outcome of <see cref="StorageMigration.CopyAsync"/>.</summary>
/// <param name="Kinds">One line per kind, in copy order.</param>
/// <param name="Conflicts">Every conflicting item.</param>
public sealed record MigrationReport(IReadOnlyList<MigratedKind> Kinds, IReadOnlyList<MigrationConflict> Conflicts)
{
    /// <summary>True when the target now holds everything the source holds.</summary>
    public bool Succeeded => Conflicts.Count == 0;
}

/// <summary>
/// Copies everything one store holds into another (SQLite → Cosmos DB, SQLite → PostgreSQL, …) through the store
/// interfaces: the source's <see cref="IStorageInventory"/> lists the keys of each kind, each item is read from the
/// source store and written to the target's as it is (ids, times, statuses; new ETags). Idempotent: an item already
/// in the target with the same content is left alone and counted as unchanged, so a second run copies nothing; an
/// item the target holds with other content is a conflict, never overwritten. The outbox is copied as it stands:
/// pending deliveries stay pending (sent once, by the target's dispatcher), finished ones keep their status because
/// their idempotency keys stop a re-run of fan-out from sending again and the frequency cap counts them. Run it with
/// the bot stopped, so the source does not change (or send) while it is read.
/// </summary>
public sealed class StorageMigration
{
    /// <summary>
    /// Every table of the relational schema and the kind whose copy carries its rows (subscriptions travel with their
    /// participant, answers with their response). A table missing here is data the migration would leave behind: the
    /// tests compare this list with the tables the schema scripts create.
    /// </summary>
    public static IReadOnlyDictionary<string, StoredKind> TablesCovered { get; } = new ReadOnlyDictionary<string, StoredKind>(new Dictionary<string, StoredKind>(StringComparer.Ordinal)
    {
        ["projects"] = StoredKind.Projects,
        ["consultations"] = StoredKind.Consultations,
        ["participants"] = StoredKind.Participants,
        ["participant_subscriptions"] = StoredKind.Participants,
        ["conversation_references"] = StoredKind.ConversationReferences,
        ["responses"] = StoredKind.Responses,
        ["answers"] = StoredKind.Responses,
        ["citizen_questions"] = StoredKind.CitizenQuestions,
        ["notifications"] = StoredKind.Notifications,
        ["deliveries"] = StoredKind.Deliveries,
        ["state"] = StoredKind.State,
    });

    private const int StateBatch = 100;

    private readonly IServiceProvider _source;
    private readonly IServiceProvider _target;
    private readonly List<MigrationConflict> _conflicts = [];

    private StorageMigration(IServiceProvider source, IServiceProvider target)
    {
        _source = source;
        _target = target;
    }

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/> (each a scope's services after
    /// <c>AddEngagementStorage</c>, schema or containers in place). The source must be relational.
    /// </summary>
    public static async Task<MigrationReport> CopyAsync(IServiceProvider source, IServiceProvider target, IProgress<MigratedKind>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.GetService<IStorageInventory>() is null)
        {
            throw new NotSupportedException("The source must be a relational store (SQLite or PostgreSQL): only they can list everything they hold.");
        }

        var migration = new StorageMigration(source, target);
        var kinds = new List<MigratedKind>();
        foreach (var kind in Enum.GetValues<StoredKind>())
        {
            var done = await migration.CopyKindAsync(kind, cancellationToken);
            kinds.Add(done);
            progress?.Report(done);
        }

        return new MigrationReport(kinds, migration._conflicts);
    }

    private T From<T>() where T : notnull => _source.GetRequiredService<T>();

    private T To<T>() where T : notnull => _target.GetRequiredService<T>();

    private async Task<MigratedKind> CopyKindAsync(StoredKind kind, CancellationToken ct)
    {
        var keys = await From<IStorageInventory>().KeysAsync(kind, ct);
        return kind switch
        {
            StoredKind.Projects => await CopyAsync(kind, keys, k => From<IProjectStore>().GetAsync(k, ct), k => To<IProjectStore>().GetAsync(k, ct),
                p => p with { ETag = null }, async p => await To<IProjectStore>().SaveAsync(p with { ETag = null }, ct)),
            StoredKind.Consultations => await CopyAsync(kind, keys, k => From<IConsultationStore>().GetAsync(k, ct), k => To<IConsultationStore>().GetAsync(k, ct),
                c => c with { ETag = null }, async c => await To<IConsultationStore>().SaveAsync(c with { ETag = null }, ct)),
            StoredKind.Participants => await CopyAsync(kind, keys, k => From<IParticipantStore>().GetAsync(k, ct), k => To<IParticipantStore>().GetAsync(k, ct),
                p => p with { ETag = null, Subscriptions = [.. p.Subscriptions.OrderBy(s => s.ProjectSlug, StringComparer.Ordinal)] },
                async p => await To<IParticipantStore>().SaveAsync(p with { ETag = null }, ct)),
            StoredKind.ConversationReferences => await CopyAsync(kind, keys, k => From<IConversationReferenceStore>().GetAsync(k, ct), k => To<IConversationReferenceStore>().GetAsync(k, ct),
                r => r with { ETag = null }, async r => await To<IConversationReferenceStore>().SaveAsync(r with { ETag = null }, ct)),
            StoredKind.Responses => await CopyAsync(kind, keys, k => From<IResponseStore>().GetAsync(k, ct), k => To<IResponseStore>().GetAsync(k, ct),
                r => r with { ETag = null, Answers = [.. r.Answers.OrderBy(a => a.QuestionId, StringComparer.Ordinal)] },
                async r => await To<IResponseStore>().ImportAsync(r, ct)),
            StoredKind.CitizenQuestions => await CopyAsync(kind, keys, k => From<ICitizenQuestionStore>().GetAsync(k, ct), k => To<ICitizenQuestionStore>().GetAsync(k, ct),
                q => q with { ETag = null }, async q => await To<ICitizenQuestionStore>().SaveAsync(q with { ETag = null }, ct)),
            StoredKind.Notifications => await CopyAsync(kind, keys, k => From<INotificationStore>().GetAsync(k, ct), k => To<INotificationStore>().GetAsync(k, ct),
                n => n with { ETag = null }, async n => await To<INotificationStore>().SaveAsync(n with { ETag = null }, ct)),
            StoredKind.Deliveries => await CopyAsync(kind, keys, k => From<INotificationStore>().GetDeliveryAsync(k, ct), k => To<INotificationStore>().GetDeliveryAsync(k, ct),
                d => d with { ETag = null }, async d =>
                {
                    if (await To<INotificationStore>().AddDeliveriesAsync([d with { ETag = null }], ct) == 0)
                    {
                        throw new ConcurrencyConflictException("delivery", d.IdempotencyKey, null);
                    }
                }),
            StoredKind.State => await CopyStateAsync(keys, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private async Task<MigratedKind> CopyAsync<T>(
        StoredKind kind, IReadOnlyList<string> keys, Func<string, Task<T?>> readSource, Func<string, Task<T?>> readTarget, Func<T, T> comparable, Func<T, Task> write)
        where T : class
    {
        int copied = 0, unchanged = 0, conflicts = 0, source = 0;
        foreach (var key in keys)
        {
            var item = await readSource(key);
            if (item is null)
            {
                continue; // deleted since it was listed
            }

            source++;
            var there = await readTarget(key);
            if (there is not null)
            {
                if (Same(comparable(item), comparable(there)))
                {
                    unchanged++;
                }
                else
                {
                    conflicts++;
                    _conflicts.Add(new MigrationConflict(kind, key, "the target holds it with other content"));
                }

                continue;
            }

            try
            {
                await write(item);
                copied++;
            }
            catch (ConcurrencyConflictException exception)
            {
                conflicts++;
                _conflicts.Add(new MigrationConflict(kind, key, $"the target holds another {exception.ItemKind} with the same unique key ({exception.Key})"));
            }
        }

        return new MigratedKind(kind, source, copied, unchanged, conflicts);
    }

    private async Task<MigratedKind> CopyStateAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        int copied = 0, unchanged = 0, conflicts = 0, source = 0;
        foreach (var batch in keys.Chunk(StateBatch))
        {
            var items = await From<IStateStore>().ReadAsync(batch, ct);
            var there = await To<IStateStore>().ReadAsync(batch, ct);
            var changes = new List<StateChange>();
            foreach (var item in items.Values)
            {
                source++;
                if (!there.TryGetValue(item.Key, out var existing))
                {
                    changes.Add(new StateChange(item.Key, item.Json));
                }
                else if (SameJson(existing.Json, item.Json))
                {
                    unchanged++;
                }
                else
                {
                    conflicts++;
                    _conflicts.Add(new MigrationConflict(StoredKind.State, item.Key, "the target holds other state under this key"));
                }
            }

            if (changes.Count > 0)
            {
                await To<IStateStore>().WriteAsync(changes, ct);
                copied += changes.Count;
            }
        }

        return new MigratedKind(StoredKind.State, source, copied, unchanged, conflicts);
    }

    private static bool Same<T>(T a, T b) =>
        JsonSerializer.Serialize(a, StorageJson.Options) == JsonSerializer.Serialize(b, StorageJson.Options);

    private static bool SameJson(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        using var left = JsonDocument.Parse(a);
        using var right = JsonDocument.Parse(b);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }
}
