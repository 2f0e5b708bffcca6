using EngagementBot.Bot.Tests.Support;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Insights;

/// <summary>
/// The KPIs that come from other stores than responses — citizen questions (answered within the target) and update
/// deliveries (return rate, delivery success in reliability) — read from real SQLite and shown on the card.
/// </summary>
public sealed class StaffKpiTests : BotWithChannelTests
{
    private const string StaffObjectId = "8e1a7c3d-4b2f-4e6a-9d0c-1f2e3d4c5b6a";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Staff:Members:0:AadObjectId"] = StaffObjectId,
        ["Insights:AnswerTarget"] = "2.00:00:00",
        ["Insights:ReturnWindow"] = "7.00:00:00",
    };

    [Fact]
    public async Task Questions_on_time_and_returns_after_an_update_are_counted_from_storage()
    {
        var now = DateTimeOffset.UtcNow;
        var sent = now.AddDays(-10);
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            var questions = scope.ServiceProvider.GetRequiredService<ICitizenQuestionStore>();
            await questions.SaveAsync(Question("back-citizen", sent.AddDays(1), answeredAfter: TimeSpan.FromHours(20)), CancellationToken.None);  // on time
            await questions.SaveAsync(Question("other", now.AddDays(-9), answeredAfter: TimeSpan.FromDays(3)), CancellationToken.None);           // late
            await questions.SaveAsync(Question("other", now.AddDays(-5), answeredAfter: null), CancellationToken.None);                           // open, overdue
            await questions.SaveAsync(Question("other", now.AddHours(-1), answeredAfter: null), CancellationToken.None);                           // too recent to judge

            var notifications = scope.ServiceProvider.GetRequiredService<INotificationStore>();
            var notification = await notifications.SaveAsync(
                new Notification
                {
                    Id = Ids.New(sent),
                    ProjectSlug = FeedbackSeed.ProjectSlug,
                    Topic = SubscriptionTopics.News,
                    Title = new LocalizedText("Nouvelles", "News"),
                    Body = new LocalizedText("Corps", "Body"),
                    CreatedBy = StaffObjectId,
                    CreatedAt = sent,
                    Status = NotificationStatus.Completed,
                },
                CancellationToken.None);
            await notifications.AddDeliveriesAsync(
                [
                    Delivery(notification.Id, "back-citizen", sent, DeliveryStatus.Sent),  // asked a question the next day
                    Delivery(notification.Id, "silent-citizen", sent, DeliveryStatus.Sent),
                    Delivery(notification.Id, "gone-citizen", sent, DeliveryStatus.Failed),
                ],
                CancellationToken.None);
        }

        var chat = new StaffInsightsChat(Client, Channel, StaffObjectId);
        await chat.SayAsync("summary parc-des-berges");
        var card = await chat.WaitForProactiveCardAsync();

        var facts = StaffInsightsChat.Facts(card);
        Assert.Equal("33 % (1 of 3)", facts["Questions answered within 2 days"]);
        Assert.Equal("50 % (1 of 2)", facts["Came back within 7 days of an update"]);
        Assert.Equal("n/a", facts["Completion rate"]);
        var indicators = StaffInsightsChat.BarRows(card);
        Assert.Equal("50 %", indicators["Reliability"]); // mean of 1/3 answered on time and 2/3 deliveries sent
        Assert.Equal("50 %", indicators["Commitment"]);  // the return rate (no respondent to count opt-ins)
        Assert.Contains("No free-text comment matches these filters yet.", StaffInsightsChat.Texts(card));
    }

    private static CitizenQuestion Question(string participant, DateTimeOffset asked, TimeSpan? answeredAfter) => new()
    {
        Id = Ids.New(asked),
        ParticipantId = participant,
        ProjectSlug = FeedbackSeed.ProjectSlug,
        Text = "Quand ouvre le parc?",
        Language = "fr",
        AskedAt = asked,
        UpdatedAt = asked + (answeredAfter ?? TimeSpan.Zero),
        AnsweredAt = answeredAfter is { } after ? asked + after : null,
        AnswerText = answeredAfter is null ? null : "En juin.",
        Status = answeredAfter is null ? CitizenQuestionStatus.New : CitizenQuestionStatus.Answered,
    };

    private static Delivery Delivery(string notificationId, string participant, DateTimeOffset at, DeliveryStatus status) => new()
    {
        Id = Ids.New(at),
        NotificationId = notificationId,
        ParticipantId = participant,
        ConversationReferenceId = "ref-" + participant,
        IdempotencyKey = notificationId + "/" + participant,
        Status = status,
        Attempts = 1,
        SentAt = status == DeliveryStatus.Sent ? at : null,
        CreatedAt = at,
        UpdatedAt = at,
    };
}
