using EngagementBot.Storage.Domain;
using Microsoft.EntityFrameworkCore;

namespace EngagementBot.Storage.Relational;

/// <summary>Notifications and their deliveries (the proactive outbox).</summary>
internal sealed partial class RelationalNotificationStore(RelationalSession session, TimeProvider timeProvider) : INotificationStore
{
    private EngagementDbContext Db => session.Context;

    private const string ItemKind = "notification";

    private const string DeliveryKind = "delivery";

    /// <inheritdoc />
    public async Task<Notification?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Db.Notifications.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Page<Notification>> ListByProjectAsync(string projectSlug, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var rows = await Db.Notifications.AsNoTracking()
            .Where(r => r.ProjectSlug == projectSlug && (after == null || string.Compare(r.Id, after) > 0))
            .OrderBy(r => r.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        return RelationalSupport.ToPage(rows, size, r => r.Id, ToDomain);
    }

    /// <inheritdoc />
    public async Task<Notification> SaveAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var row = new NotificationRow
        {
            Id = notification.Id,
            ProjectSlug = notification.ProjectSlug,
            Topic = notification.Topic.ToString(),
            TitleFr = notification.Title.Fr,
            TitleEn = notification.Title.En,
            BodyFr = notification.Body.Fr,
            BodyEn = notification.Body.En,
            Link = notification.Link?.AbsoluteUri,
            CreatedBy = notification.CreatedBy,
            CreatedAt = notification.CreatedAt,
            Status = notification.Status.ToString(),
            Kind = notification.Kind.ToString(),
        };
        var etag = await Db.SaveRowAsync(row, notification.ETag, ItemKind, notification.Id, cancellationToken);
        return notification with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, string? etag, CancellationToken cancellationToken)
    {
        // Deliveries go with the notification (ON DELETE CASCADE).
        var deleted = await Db.Notifications.Where(r => r.Id == id && (etag == null || r.ETag == etag)).ExecuteDeleteAsync(cancellationToken);
        return await RelationalSupport.CompleteDeleteAsync(
            deleted, etag, ct => Db.Notifications.AnyAsync(r => r.Id == id, ct), ItemKind, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> AddDeliveriesAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return 0;
        }

        var keys = deliveries.Select(d => d.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        return await session.InTransactionAsync(
            async ct =>
            {
                var existing = (await Db.Deliveries.AsNoTracking()
                    .Where(d => keys.Contains(d.IdempotencyKey))
                    .Select(d => d.IdempotencyKey)
                    .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                var added = 0;
                foreach (var delivery in deliveries)
                {
                    if (existing.Add(delivery.IdempotencyKey))
                    {
                        var row = ToRow(delivery);
                        row.ETag = Ids.NewETag();
                        Db.Deliveries.Add(row);
                        added++;
                    }
                }

                try
                {
                    await Db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException ex) when (RelationalSupport.IsUniqueViolation(ex))
                {
                    throw new ConcurrencyConflictException(DeliveryKind, "batch", null, ex);
                }
                finally
                {
                    Db.ChangeTracker.Clear();
                }

                return added;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Delivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Db.Deliveries.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Delivery?> FindDeliveryByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await Db.Deliveries.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == idempotencyKey, cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Delivery> SaveDeliveryAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.ETag is null)
        {
            throw new ArgumentException("A delivery is created with AddDeliveriesAsync; SaveDeliveryAsync needs the ETag it was read with.", nameof(delivery));
        }

        var etag = await Db.SaveRowAsync(ToRow(delivery), delivery.ETag, DeliveryKind, delivery.Id, cancellationToken);
        return delivery with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<Page<Delivery>> ListDeliveriesAsync(string notificationId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var rows = await Db.Deliveries.AsNoTracking()
            .Where(r => r.NotificationId == notificationId && (after == null || string.Compare(r.Id, after) > 0))
            .OrderBy(r => r.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        return RelationalSupport.ToPage(rows, size, r => r.Id, ToDomain);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Delivery>> ListDeliveriesByParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        var rows = await Db.Deliveries.AsNoTracking().Where(r => r.ParticipantId == participantId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return rows.Select(ToDomain).ToList();
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDeliveryAsync(string id, CancellationToken cancellationToken) =>
        await Db.Deliveries.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    private static Notification ToDomain(NotificationRow row) => new()
    {
        Id = row.Id,
        ProjectSlug = row.ProjectSlug,
        Topic = Enum.Parse<SubscriptionTopics>(row.Topic),
        Title = new LocalizedText(row.TitleFr, row.TitleEn),
        Body = new LocalizedText(row.BodyFr, row.BodyEn),
        Link = row.Link is null ? null : new Uri(row.Link, UriKind.Absolute),
        CreatedBy = row.CreatedBy,
        CreatedAt = row.CreatedAt,
        Status = Enum.Parse<NotificationStatus>(row.Status),
        Kind = Enum.Parse<NotificationKind>(row.Kind),
        ETag = row.ETag,
    };

    private static DeliveryRow ToRow(Delivery delivery) => new()
    {
        Id = delivery.Id,
        NotificationId = delivery.NotificationId,
        ParticipantId = delivery.ParticipantId,
        ConversationReferenceId = delivery.ConversationReferenceId,
        IdempotencyKey = delivery.IdempotencyKey,
        Status = delivery.Status.ToString(),
        Attempts = delivery.Attempts,
        NextAttemptAt = delivery.NextAttemptAt,
        LeaseOwner = delivery.LeaseOwner,
        LeaseExpiresAt = delivery.LeaseExpiresAt,
        LastError = delivery.LastError,
        SentAt = delivery.SentAt,
        CreatedAt = delivery.CreatedAt,
        UpdatedAt = delivery.UpdatedAt,
    };

    private static Delivery ToDomain(DeliveryRow row) => new()
    {
        Id = row.Id,
        NotificationId = row.NotificationId,
        ParticipantId = row.ParticipantId,
        ConversationReferenceId = row.ConversationReferenceId,
        IdempotencyKey = row.IdempotencyKey,
        Status = Enum.Parse<DeliveryStatus>(row.Status),
        Attempts = row.Attempts,
        NextAttemptAt = row.NextAttemptAt,
        LeaseOwner = row.LeaseOwner,
        LeaseExpiresAt = row.LeaseExpiresAt,
        LastError = row.LastError,
        SentAt = row.SentAt,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        ETag = row.ETag,
    };
}
