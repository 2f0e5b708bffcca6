using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Cosmos;

/// <summary>
/// Notifications in partition <c>notifications</c> (indexed <c>projectSlug</c>); each notification's deliveries in
/// their own partition <c>deliveries|{notification}</c> (listing = single-partition query; the dispatcher's
/// updates = conditional replace). Lookups <c>delivery|{id}</c> and <c>delivery-key|{idempotency key}</c> give
/// point reads by id and by key; creating the key lookup first is what makes fan-out idempotent. A pointer
/// document per delivery in the recipient's partition serves erasure and export.
/// </summary>
internal sealed partial class CosmosNotificationStore(CosmosDatabase database, TimeProvider timeProvider) : INotificationStore
{
    private const string DeliveryKind = "delivery";

    private const string PointerKind = "delivery-pointer";

    private readonly CosmosPartitionSet<Notification> _notifications = new(database, "notifications", "notification");

    /// <inheritdoc />
    public async Task<Notification?> GetAsync(string id, CancellationToken cancellationToken) =>
        await _notifications.GetAsync(id, cancellationToken) is { } found ? found.Item with { ETag = found.ETag } : null;

    /// <inheritdoc />
    public async Task<Page<Notification>> ListByProjectAsync(string projectSlug, PageRequest page, CancellationToken cancellationToken)
    {
        var found = await _notifications.PageAsync(page, "c.projectSlug = @slug", [("@slug", projectSlug)], cancellationToken);
        return new Page<Notification>(found.Items.Select(f => f.Item with { ETag = f.ETag }).ToList(), found.ContinuationToken);
    }

    /// <inheritdoc />
    public async Task<Notification> SaveAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var etag = await _notifications.SaveAsync(notification.Id, notification with { ETag = null }, notification.ETag, [("projectSlug", notification.ProjectSlug), ("status", notification.Status.ToString())], cancellationToken);
        return notification with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        if (!await _notifications.DeleteAsync(id, etag, cancellationToken))
        {
            return false;
        }

        // Deliveries go with the notification (like the relational cascade).
        foreach (var document in await CosmosItems.AllAsync(database.Items, DeliveryPartition(id), DeliveryKind, cancellationToken))
        {
            await DeleteDeliveryDocumentsAsync(document.Doc<Delivery>(), cancellationToken);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<int> AddDeliveriesAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var added = 0;
        foreach (var delivery in deliveries)
        {
            var partition = DeliveryPartition(delivery.NotificationId);
            var location = new CosmosLocation(partition, CosmosItems.ToId(delivery.Id));
            var (owner, _) = await CosmosItems.ClaimLookupAsync(database, KeyLookup(delivery.IdempotencyKey), location, cancellationToken);

            // The key may be claimed by an earlier run that stopped before writing its delivery: finish that one.
            var toWrite = owner == location ? delivery : delivery with { Id = owner.DocumentId };
            await CosmosItems.PutLookupAsync(database, IdLookup(toWrite.Id), owner, cancellationToken);
            await WritePointerAsync(toWrite, cancellationToken);
            if (await CosmosItems.TryCreateAsync(database.Items, owner.Partition, Body(toWrite, owner), cancellationToken))
            {
                added++;
            }
        }

        return added;
    }

    /// <inheritdoc />
    public async Task<Delivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken) =>
        await ReadAsync(await CosmosItems.ResolveAsync(database, IdLookup(id), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<Delivery?> FindDeliveryByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        await ReadAsync(await CosmosItems.ResolveAsync(database, KeyLookup(idempotencyKey), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<Delivery> SaveDeliveryAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.ETag is null)
        {
            throw new ArgumentException("SaveDeliveryAsync replaces a stored delivery: pass the delivery as read (with its ETag); create deliveries with AddDeliveriesAsync.", nameof(delivery));
        }

        var location = new CosmosLocation(DeliveryPartition(delivery.NotificationId), CosmosItems.ToId(delivery.Id));
        var etag = await CosmosItems.ReplaceAsync(
            database.Items, location.Partition, location.DocumentId, Body(delivery, location), delivery.ETag, DeliveryKind, delivery.Id, cancellationToken);
        return delivery with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<Page<Delivery>> ListDeliveriesAsync(string notificationId, PageRequest page, CancellationToken cancellationToken)
    {
        var (items, token) = await CosmosItems.PageAsync(database.Items, DeliveryPartition(notificationId), DeliveryKind, page, null, [], cancellationToken);
        return new Page<Delivery>(items.Select(d => d.Doc<Delivery>() with { ETag = d.ETag }).ToList(), token);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Delivery>> ListDeliveriesByParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        var pointers = await CosmosItems.AllAsync(database.Items, ParticipantPartition.Of(participantId), PointerKind, cancellationToken);
        var deliveries = await Task.WhenAll(pointers.Select(p =>
            ReadAsync(new CosmosLocation(p.Field("partition")!, p.Field("documentId")!), cancellationToken)));
        return deliveries.Where(d => d is not null).Select(d => d!).ToList();
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        var delivery = await GetDeliveryAsync(id, cancellationToken);
        if (delivery is null)
        {
            await CosmosItems.RemoveLookupAsync(database, IdLookup(id), cancellationToken);
            return false;
        }

        await DeleteDeliveryDocumentsAsync(delivery, cancellationToken);
        return true;
    }

    private async Task DeleteDeliveryDocumentsAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await CosmosItems.DeleteAsync(database.Items, DeliveryPartition(delivery.NotificationId), CosmosItems.ToId(delivery.Id), null, DeliveryKind, delivery.Id, cancellationToken);
        await CosmosItems.DeleteAsync(
            database.Items, ParticipantPartition.Of(delivery.ParticipantId), CosmosItems.ToId(PointerKind + "|" + delivery.Id), null, PointerKind, delivery.Id, cancellationToken);
        await CosmosItems.RemoveLookupAsync(database, IdLookup(delivery.Id), cancellationToken);
        await CosmosItems.RemoveLookupAsync(database, KeyLookup(delivery.IdempotencyKey), cancellationToken);
    }

    private async Task WritePointerAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var partition = ParticipantPartition.Of(delivery.ParticipantId);
        var body = CosmosItems.Envelope<object>(
            CosmosItems.ToId(PointerKind + "|" + delivery.Id), partition, PointerKind, null, ("key", delivery.Id),
            ("partition", DeliveryPartition(delivery.NotificationId)), ("documentId", CosmosItems.ToId(delivery.Id)),
            ("notificationId", delivery.NotificationId), ("sentAt", delivery.Status == DeliveryStatus.Sent ? delivery.SentAt?.ToUnixTimeMilliseconds() : null));
        await CosmosItems.UpsertAsync(database.Items, partition, body, cancellationToken);
    }

    private async Task<Delivery?> ReadAsync(CosmosLocation? location, CancellationToken cancellationToken)
    {
        if (location is null)
        {
            return null;
        }

        var document = await CosmosItems.ReadAsync(database.Items, location.Partition, location.DocumentId, cancellationToken);
        return document is null ? null : document.Doc<Delivery>() with { ETag = document.ETag };
    }

    // status, due (when it may be claimed, Unix ms), leaseOwner and reason are indexed for the dispatcher's queries.
    private static MemoryStream Body(Delivery delivery, CosmosLocation location) =>
        CosmosItems.Envelope(
            location.DocumentId, location.Partition, DeliveryKind, delivery with { ETag = null }, ("key", delivery.Id), ("participantId", delivery.ParticipantId),
            ("status", delivery.Status.ToString()), ("due", DueOf(delivery)), ("leaseOwner", delivery.LeaseOwner), ("reason", delivery.LastError));

    private static string DeliveryPartition(string notificationId) => "deliveries|" + notificationId;

    private static string IdLookup(string id) => "delivery|" + id;

    private static string KeyLookup(string key) => "delivery-key|" + key;
}
