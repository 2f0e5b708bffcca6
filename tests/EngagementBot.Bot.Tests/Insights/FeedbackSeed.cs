using System.Text.Json;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Insights;

/// <summary>One labelled line of <c>shared/data/feedback-dev.jsonl</c>.</summary>
public sealed record DevFeedback(string Id, string Lang, string Text, IReadOnlyList<string> Pii);

/// <summary>
/// Stores the 300 comments of <c>shared/data/feedback-dev.jsonl</c> as citizens' responses to the demo consultation
/// <c>berges-2026</c>, through the bot's own stores (real SQLite): one participant per line (its language), a
/// "frequency" answer and the comment as the "comments" answer; every 4th response is left unsubmitted and every
/// 3rd participant subscribes to the project.
/// </summary>
public static class FeedbackSeed
{
    public const string ConsultationId = "berges-2026";
    public const string ProjectSlug = "parc-des-berges";

    private static readonly Lazy<IReadOnlyList<DevFeedback>> Lines = new(Load);

    public static IReadOnlyList<DevFeedback> Feedback => Lines.Value;

    /// <summary>Responses left unsubmitted (every 4th).</summary>
    public static int Unsubmitted => Feedback.Count(f => Index(f) % 4 == 0);

    /// <summary>Participants subscribed (every 3rd).</summary>
    public static int Subscribed => Feedback.Count(f => Index(f) % 3 == 0);

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var participants = scope.ServiceProvider.GetRequiredService<IParticipantStore>();
        var responses = scope.ServiceProvider.GetRequiredService<IResponseStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var line in Feedback)
        {
            var index = Index(line);
            var participant = await participants.SaveAsync(
                new Participant
                {
                    Id = Ids.New(),
                    ChannelId = "seed",
                    UserId = line.Id,
                    PreferredLanguage = line.Lang,
                    CreatedAt = now,
                    Subscriptions = index % 3 == 0 ? [new Subscription(ProjectSlug, SubscriptionTopics.All)] : [],
                },
                cancellationToken);
            var response = await responses.StartAsync(participant.Id, ConsultationId, cancellationToken);
            var etag = await responses.SaveAnswerAsync(response.Id, new Answer("frequency", new ChoiceAnswer("weekly"), now), null, cancellationToken);
            etag = await responses.SaveAnswerAsync(response.Id, new Answer("comments", new TextAnswer(line.Text), now), etag, cancellationToken);
            if (index % 4 != 0)
            {
                await responses.SubmitAsync(response.Id, etag, cancellationToken);
            }
        }
    }

    private static int Index(DevFeedback line) => int.Parse(line.Id.AsSpan(line.Id.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<DevFeedback> Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "feedback-dev.jsonl");
            if (File.Exists(candidate))
            {
                return [.. File.ReadLines(candidate).Where(l => l.Length > 0).Select(l =>
                {
                    using var json = JsonDocument.Parse(l);
                    var root = json.RootElement;
                    return new DevFeedback(
                        root.GetProperty("id").GetString()!,
                        root.GetProperty("lang").GetString()!,
                        root.GetProperty("text").GetString()!,
                        [.. root.GetProperty("pii").EnumerateArray().Select(p => p.GetString()!)]);
                })];
            }
        }

        throw new FileNotFoundException($"shared/data/feedback-dev.jsonl was not found above {AppContext.BaseDirectory} (the shared/ folder must sit beside the repository).");
    }
}
