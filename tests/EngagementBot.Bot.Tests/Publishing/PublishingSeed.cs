using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Publishing;

/// <summary>Adds participants with subscriptions and conversations straight into the bot's store (real SQLite).</summary>
public static class PublishingSeed
{
    public const string Project = "parc-des-berges";

    public static async Task<Participant> AddSubscriberAsync(IServiceProvider services, SubscriptionTopics topics, Reachability reachability = Reachability.Reachable, string language = "fr", string serviceUrl = "https://smba.example/")
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var userId = "user-" + Guid.NewGuid().ToString("N");
        var participant = await sp.GetRequiredService<IParticipantStore>().SaveAsync(
            new Participant
            {
                Id = Ids.New(),
                ChannelId = "msteams",
                UserId = userId,
                PreferredLanguage = language,
                CreatedAt = DateTimeOffset.UtcNow,
                Subscriptions = [new Subscription(Project, topics)],
            },
            default);
        var conversationId = "conv-" + userId;
        await sp.GetRequiredService<IConversationReferenceStore>().SaveAsync(
            new ConversationReferenceRecord
            {
                Id = ConversationReferenceRecord.CreateId("msteams", conversationId, userId),
                ParticipantId = participant.Id,
                ChannelId = "msteams",
                ServiceUrl = new Uri(serviceUrl),
                ConversationId = conversationId,
                UserId = userId,
                BotId = "bot",
                LastConfirmedAt = DateTimeOffset.UtcNow,
                Reachability = reachability,
            },
            default);
        return participant;
    }

    public static async Task<IReadOnlyList<Delivery>> DeliveriesAsync(IServiceProvider services, string notificationId)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<INotificationStore>().ListDeliveriesAsync(notificationId, PageRequest.First(1000), default)).Items;
    }
}
