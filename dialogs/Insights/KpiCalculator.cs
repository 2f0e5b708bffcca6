using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Insights;

/// <summary>Everything the KPIs are computed from (loaded by <see cref="KpiDataLoader"/>).</summary>
public sealed record KpiInputs
{
    /// <summary>The instant of the computation (what is still too recent to judge depends on it).</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Citizens' responses in scope, started in the period (imported feedback excluded).</summary>
    public required IReadOnlyList<Response> Responses { get; init; }

    /// <summary>The consultations in scope (their questions tell which are optional).</summary>
    public required IReadOnlyList<Consultation> Consultations { get; init; }

    /// <summary>The projects in scope.</summary>
    public required IReadOnlyList<Project> Projects { get; init; }

    /// <summary>The respondents that still exist, by id.</summary>
    public required IReadOnlyDictionary<string, Participant> Participants { get; init; }

    /// <summary>Citizen questions to staff about the projects in scope, asked in the period.</summary>
    public required IReadOnlyList<CitizenQuestion> Questions { get; init; }

    /// <summary>Published notifications of the projects in scope, created in the period.</summary>
    public required IReadOnlyList<Notification> Notifications { get; init; }

    /// <summary>Their deliveries (every status).</summary>
    public required IReadOnlyList<Delivery> Deliveries { get; init; }

    /// <summary>When each update recipient did something (answered, started a response, asked a question).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> RecipientActivity { get; init; }

    /// <summary>The answer target.</summary>
    public required TimeSpan AnswerTarget { get; init; }

    /// <summary>The return window.</summary>
    public required TimeSpan ReturnWindow { get; init; }
}

/// <summary>Computes the engagement KPIs and the relationship indicators from stored data (definitions in docs/insights.md).</summary>
public static class KpiCalculator
{
    /// <summary>How recent a news item or update must be to count as "recent news" for transparency.</summary>
    public static readonly TimeSpan RecentNews = TimeSpan.FromDays(30);

    /// <summary>Computes every KPI.</summary>
    public static EngagementKpis Compute(KpiInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var participantIds = inputs.Responses.Select(r => r.ParticipantId).Distinct(StringComparer.Ordinal).ToList();
        var completion = new Ratio(inputs.Responses.Count(r => r.SubmittedAt is not null), inputs.Responses.Count);
        var optIn = new Ratio(participantIds.Count(id => OptedIn(inputs, id)), participantIds.Count);
        var answered = AnsweredWithinTarget(inputs);
        var returned = ReturnAfterUpdate(inputs);
        var indicators = new RelationshipIndicators(
            Reliability: Mean(answered.Rate, DeliverySuccess(inputs).Rate),
            Transparency: Transparency(inputs),
            Involvement: new Ratio(participantIds.Count(id => CommentedAny(inputs, id)), participantIds.Count).Rate,
            Investment: Investment(inputs).Rate,
            Commitment: Mean(optIn.Rate, returned.Rate));
        return new EngagementKpis(
            participantIds.Count,
            completion,
            MedianCompletionTime(inputs.Responses),
            optIn,
            answered,
            inputs.AnswerTarget,
            returned,
            inputs.ReturnWindow,
            indicators);
    }

    /// <summary>Median of submitted − started over submitted responses.</summary>
    public static TimeSpan? MedianCompletionTime(IReadOnlyList<Response> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var durations = responses
            .Where(r => r.SubmittedAt is not null)
            .Select(r => r.SubmittedAt!.Value - r.StartedAt)
            .Order()
            .ToList();
        if (durations.Count == 0)
        {
            return null;
        }

        var middle = durations.Count / 2;
        return durations.Count % 2 == 1 ? durations[middle] : (durations[middle - 1] + durations[middle]) / 2;
    }

    private static bool OptedIn(KpiInputs inputs, string participantId)
    {
        if (!inputs.Participants.TryGetValue(participantId, out var participant))
        {
            return false;
        }

        var projects = inputs.Responses
            .Where(r => r.ParticipantId == participantId)
            .Select(r => inputs.Consultations.FirstOrDefault(c => c.Id == r.ConsultationId)?.ProjectSlug)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return participant.Subscriptions.Any(s => (s.Topics & SubscriptionTopics.All) != 0 && projects.Contains(s.ProjectSlug)); // a single asked-for reminder is not following updates
    }

    private static Ratio AnsweredWithinTarget(KpiInputs inputs)
    {
        var within = 0;
        var judged = 0;
        foreach (var question in inputs.Questions)
        {
            if (question.Status == CitizenQuestionStatus.Closed && question.AnsweredAt is null)
            {
                continue; // closed without an answer (duplicate, out of scope): not a missed answer
            }

            if (question.AnsweredAt is { } answeredAt)
            {
                judged++;
                within += answeredAt - question.AskedAt <= inputs.AnswerTarget ? 1 : 0;
            }
            else if (inputs.Now - question.AskedAt > inputs.AnswerTarget)
            {
                judged++; // still open past the target: late
            }
        }

        return new Ratio(within, judged);
    }

    private static Ratio ReturnAfterUpdate(KpiInputs inputs)
    {
        var returned = 0;
        var judged = 0;
        foreach (var delivery in inputs.Deliveries)
        {
            if (delivery.Status != DeliveryStatus.Sent || delivery.SentAt is not { } sentAt)
            {
                continue;
            }

            var end = sentAt + inputs.ReturnWindow;
            var came = inputs.RecipientActivity.TryGetValue(delivery.ParticipantId, out var activity)
                && activity.Any(t => t > sentAt && t <= end);
            if (came)
            {
                returned++;
                judged++;
            }
            else if (inputs.Now >= end)
            {
                judged++;
            }
        }

        return new Ratio(returned, judged);
    }

    private static Ratio DeliverySuccess(KpiInputs inputs) => new(
        inputs.Deliveries.Count(d => d.Status == DeliveryStatus.Sent),
        inputs.Deliveries.Count(d => d.Status is DeliveryStatus.Sent or DeliveryStatus.Failed));

    private static double? Transparency(KpiInputs inputs)
    {
        if (inputs.Projects.Count == 0)
        {
            return null;
        }

        var since = inputs.Now - RecentNews;
        return inputs.Projects.Average(project =>
        {
            var checks = 0;
            checks += !string.IsNullOrWhiteSpace(project.HowInputIsUsed.Fr) && !string.IsNullOrWhiteSpace(project.HowInputIsUsed.En) ? 1 : 0;
            checks += project.Listeners.Count > 0 ? 1 : 0;
            checks += project.News.Any(n => n.PublishedAt >= since && n.PublishedAt <= inputs.Now)
                || inputs.Notifications.Any(n => n.ProjectSlug == project.Slug && n.Status is NotificationStatus.Queued or NotificationStatus.Completed && n.CreatedAt >= since)
                ? 1 : 0;
            checks += project.Results.Interim is not null || project.Results.Final is not null || project.Results.ExpectedOn is not null ? 1 : 0;
            return checks / 4.0;
        });
    }

    private static bool CommentedAny(KpiInputs inputs, string participantId) =>
        inputs.Responses.Any(r => r.ParticipantId == participantId && r.Answers.Any(a => a.Value is TextAnswer { Text: { } text } && !string.IsNullOrWhiteSpace(text)));

    private static Ratio Investment(KpiInputs inputs)
    {
        var submitted = inputs.Responses.Where(r => r.SubmittedAt is not null).ToList();
        var invested = submitted.Count(response =>
        {
            var consultation = inputs.Consultations.FirstOrDefault(c => c.Id == response.ConsultationId);
            return consultation is not null && response.Answers.Any(a => consultation.FindQuestion(a.QuestionId) is { Optional: true });
        });
        return new Ratio(invested, submitted.Count);
    }

    private static double? Mean(params double?[] values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : present.Average();
    }
}
