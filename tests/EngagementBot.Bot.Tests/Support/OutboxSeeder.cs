using System.Globalization;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>One seeded recipient: participant, its conversation (id on the connector) and its delivery.</summary>
public sealed record SeededRecipient(string ParticipantId, string ConversationId, string ReferenceId, string DeliveryId, string Language);

/// <summary>
/// Writes what the publishing side writes — participants subscribed to a project, their conversation references, a
/// Queued notification and one Pending delivery per recipient — through the storage layer of a running bot (or any
/// provider with the storage services), in one transaction per chunk.
/// </summary>
public static class OutboxSeeder
{
    public const string Project = "parc-des-berges";

    public static async Task<Notification> SaveNotificationAsync(
        IServiceProvider services, NotificationKind kind = NotificationKind.News, string? title = null, DateTimeOffset? at = null)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<INotificationStore>().SaveAsync(
            new Notification
            {
                Id = Ids.New(),
                ProjectSlug = Project,
                Topic = kind == NotificationKind.News ? SubscriptionTopics.News : kind == NotificationKind.EventReminder ? SubscriptionTopics.Events : SubscriptionTopics.Results,
                Kind = kind,
                Title = new LocalizedText("Titre " + (title ?? kind.ToString()), "Title " + (title ?? kind.ToString())),
                Body = new LocalizedText("Voici ce qui a changé.", "Here is what changed."),
                CreatedBy = "staff-test",
                CreatedAt = at ?? DateTimeOffset.UtcNow,
                Status = NotificationStatus.Queued,
            },
            CancellationToken.None);
    }

    /// <summary>
    /// Creates <paramref name="count"/> subscribed participants with one conversation each (ids conv-{prefix}{i}), whose
    /// client reported the time zone <paramref name="timeZoneOf"/> gives for i (none by default).
    /// </summary>
    public static async Task<List<SeededRecipient>> SeedRecipientsAsync(
        IServiceProvider services, string serviceUrl, int count, string prefix = "", string channelId = "msteams", DateTimeOffset? at = null,
        Func<int, string?>? timeZoneOf = null)
    {
        var recipients = new List<SeededRecipient>(count);
        var now = at ?? DateTimeOffset.UtcNow;
        const int Chunk = 1000;
        for (var start = 0; start < count; start += Chunk)
        {
            await using var scope = services.CreateAsyncScope();
            var provider = scope.ServiceProvider;
            var participants = provider.GetRequiredService<IParticipantStore>();
            var references = provider.GetRequiredService<IConversationReferenceStore>();
            await using var transaction = await provider.GetRequiredService<IStorageUnitOfWork>().BeginAsync(CancellationToken.None);
            for (var i = start; i < Math.Min(count, start + Chunk); i++)
            {
                var n = prefix + i.ToString(CultureInfo.InvariantCulture);
                var language = i % 3 == 0 ? "en" : "fr";
                var participant = await participants.SaveAsync(
                    new Participant
                    {
                        Id = Ids.New(),
                        ChannelId = channelId,
                        UserId = "user-" + n,
                        PreferredLanguage = language,
                        CreatedAt = now,
                        Subscriptions = [new Subscription(Project, SubscriptionTopics.All)],
                    },
                    CancellationToken.None);
                var conversationId = "conv-" + n;
                var reference = await references.SaveAsync(
                    new ConversationReferenceRecord
                    {
                        Id = ConversationReferenceRecord.CreateId(channelId, conversationId, participant.UserId),
                        ParticipantId = participant.Id,
                        ChannelId = channelId,
                        ServiceUrl = new Uri(serviceUrl),
                        ConversationId = conversationId,
                        ConversationType = "personal",
                        TenantId = "tenant-1",
                        UserId = participant.UserId,
                        BotId = "28:bot",
                        LastConfirmedAt = now,
                        Reachability = Reachability.Reachable,
                        TimeZone = timeZoneOf?.Invoke(i),
                    },
                    CancellationToken.None);
                recipients.Add(new SeededRecipient(participant.Id, conversationId, reference.Id, string.Empty, language));
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        return recipients;
    }

    /// <summary>Adds one Pending delivery of the notification per recipient (what fan-out writes); returns the recipients with their delivery ids.</summary>
    public static async Task<List<SeededRecipient>> AddDeliveriesAsync(IServiceProvider services, Notification notification, IReadOnlyList<SeededRecipient> recipients, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var withIds = recipients.Select(r => r with { DeliveryId = Ids.New() }).ToList();
        foreach (var chunk in withIds.Chunk(2000))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<INotificationStore>().AddDeliveriesAsync(
                chunk.Select(r => new Delivery
                {
                    Id = r.DeliveryId,
                    NotificationId = notification.Id,
                    ParticipantId = r.ParticipantId,
                    ConversationReferenceId = r.ReferenceId,
                    IdempotencyKey = notification.Id + ":" + r.ReferenceId,
                    CreatedAt = now,
                    UpdatedAt = now,
                }).ToList(),
                CancellationToken.None);
        }

        return withIds;
    }

    public static async Task<DeliveryProgress> ProgressAsync(IServiceProvider services, string notificationId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<INotificationStore>().GetDeliveryProgressAsync(notificationId, CancellationToken.None);
    }

    public static async Task<Delivery> DeliveryAsync(IServiceProvider services, string deliveryId)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<INotificationStore>().GetDeliveryAsync(deliveryId, CancellationToken.None))!;
    }

    /// <summary>Polls until every delivery of the notification reached a final state.</summary>
    public static async Task<DeliveryProgress> WaitUntilCompleteAsync(IServiceProvider services, string notificationId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var progress = await ProgressAsync(services, notificationId);
            if (progress.IsComplete || DateTime.UtcNow > deadline)
            {
                return progress;
            }

            await Task.Delay(200);
        }
    }
}
