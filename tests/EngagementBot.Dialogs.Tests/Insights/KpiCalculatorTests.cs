using EngagementBot.Dialogs.Insights;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Tests.Insights;

/// <summary>The KPIs and relationship indicators on small data sets whose right answers are worked out by hand.</summary>
public sealed class KpiCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly Consultation Consultation = new()
    {
        Id = "c1",
        ProjectSlug = "p1",
        Title = new LocalizedText("C", "C"),
        OpensAt = Start.AddDays(-10),
        ClosesAt = Start.AddDays(60),
        Consent = new ConsentText { Version = "1", Text = new LocalizedText("ok", "ok") },
        Questions =
        [
            new YesNoQuestion { Id = "q-required", Prompt = new LocalizedText("?", "?") },
            new TextQuestion { Id = "q-comment", Prompt = new LocalizedText("?", "?"), Optional = true },
        ],
    };

    [Fact]
    public void Completion_median_time_opt_in_and_involvement_follow_the_responses()
    {
        // Four respondents: three submitted after 4, 10 and 6 minutes; one still going. Two subscribed to p1
        // (one of them to another project too), one subscribed only to another project, one only asked for a reminder
        // of one p1 event (not following its updates).
        var responses = new[]
        {
            Response("r1", "a", submittedAfter: TimeSpan.FromMinutes(4), comment: "Plus d'arbres"),
            Response("r2", "b", submittedAfter: TimeSpan.FromMinutes(10)),
            Response("r3", "c", submittedAfter: TimeSpan.FromMinutes(6), comment: "More lights"),
            Response("r4", "d", submittedAfter: null),
        };
        var participants = new Dictionary<string, Participant>
        {
            ["a"] = Participant("a", new Subscription("p1", SubscriptionTopics.All), new Subscription("p2", SubscriptionTopics.News)),
            ["b"] = Participant("b", new Subscription("p2", SubscriptionTopics.All)),
            ["c"] = Participant("c", new Subscription("p1", SubscriptionTopics.Results)),
            ["d"] = Participant("d", new Subscription("p1", SubscriptionTopics.Reminders)),
        };

        var kpis = KpiCalculator.Compute(Inputs(responses, participants));

        Assert.Equal(4, kpis.Participants);
        Assert.Equal(new Ratio(3, 4), kpis.Completion);
        Assert.Equal(TimeSpan.FromMinutes(6), kpis.MedianCompletionTime);
        Assert.Equal(new Ratio(2, 4), kpis.OptIn);
        Assert.Equal(0.5, kpis.Indicators.Involvement); // a and c wrote a comment
        Assert.Equal(2.0 / 3, kpis.Indicators.Investment!.Value, 6); // r1 and r3 of the 3 submitted answered the optional question
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var responses = new[]
        {
            Response("r1", "a", TimeSpan.FromMinutes(2)),
            Response("r2", "b", TimeSpan.FromMinutes(8)),
            Response("r3", "c", TimeSpan.FromMinutes(4)),
            Response("r4", "d", TimeSpan.FromMinutes(30)),
        };

        Assert.Equal(TimeSpan.FromMinutes(6), KpiCalculator.MedianCompletionTime(responses));
        Assert.Null(KpiCalculator.MedianCompletionTime([Response("r5", "e", null)]));
    }

    [Fact]
    public void Questions_count_on_time_late_and_open_past_the_target_but_not_recent_or_closed_ones()
    {
        var questions = new[]
        {
            Question("on-time", Now.AddDays(-10), answeredAfter: TimeSpan.FromHours(20)),
            Question("exactly-on-target", Now.AddDays(-9), answeredAfter: TimeSpan.FromHours(48)),
            Question("late", Now.AddDays(-8), answeredAfter: TimeSpan.FromHours(49)),
            Question("open-and-overdue", Now.AddDays(-3), answeredAfter: null),
            Question("open-but-recent", Now.AddHours(-5), answeredAfter: null),
            Question("closed-unanswered", Now.AddDays(-7), answeredAfter: null, CitizenQuestionStatus.Closed),
        };

        var kpis = KpiCalculator.Compute(Inputs([], new Dictionary<string, Participant>()) with { Questions = questions });

        Assert.Equal(new Ratio(2, 4), kpis.AnsweredWithinTarget);
        Assert.Equal(0.5, kpis.Indicators.Reliability); // no delivery outcome yet: reliability is the answer timeliness alone
    }

    [Fact]
    public void Return_rate_counts_recipients_active_within_the_window_after_the_send()
    {
        var sent = Now.AddDays(-10);
        var deliveries = new[]
        {
            Delivery("came-back", sent, DeliveryStatus.Sent),
            Delivery("came-back-late", sent, DeliveryStatus.Sent),
            Delivery("active-before-only", sent, DeliveryStatus.Sent),
            Delivery("silent", sent, DeliveryStatus.Sent),
            Delivery("recent-silent", Now.AddDays(-2), DeliveryStatus.Sent),
            Delivery("failed", sent, DeliveryStatus.Failed),
        };
        var activity = new Dictionary<string, IReadOnlyList<DateTimeOffset>>
        {
            ["came-back"] = [sent.AddDays(2)],
            ["came-back-late"] = [sent.AddDays(8)],
            ["active-before-only"] = [sent.AddDays(-1)],
        };

        var kpis = KpiCalculator.Compute(Inputs([], new Dictionary<string, Participant>()) with { Deliveries = deliveries, RecipientActivity = activity });

        Assert.Equal(new Ratio(1, 4), kpis.ReturnAfterUpdate); // the recent silent one can still come back: not judged yet
        Assert.Equal(5.0 / 6, kpis.Indicators.Reliability!.Value, 6); // 5 sent of 6 final deliveries; no question data
        Assert.Equal(0.25, kpis.Indicators.Commitment); // no respondent: commitment is the return rate alone
    }

    [Fact]
    public void Transparency_is_the_share_of_the_four_publication_checks_met_per_project()
    {
        var complete = Project("p1") with
        {
            Listeners = [new Listener { Id = "l", Name = "N", Role = new LocalizedText("r", "r"), WhatTheyDo = new LocalizedText("w", "w") }],
            News = [new NewsItem { Id = "n", Title = new LocalizedText("t", "t"), Body = new LocalizedText("b", "b"), PublishedAt = Now.AddDays(-3) }],
            Results = new ProjectResults { ExpectedOn = new DateOnly(2027, 3, 1) },
        };
        var bare = Project("p2") with
        {
            News = [new NewsItem { Id = "old", Title = new LocalizedText("t", "t"), Body = new LocalizedText("b", "b"), PublishedAt = Now.AddDays(-90) }],
        };

        var kpis = KpiCalculator.Compute(Inputs([], new Dictionary<string, Participant>()) with { Projects = [complete, bare] });

        // p1 meets all four; p2 only "how input is used" (its news is too old): (1 + 0.25) / 2.
        Assert.Equal(0.625, kpis.Indicators.Transparency);
        Assert.Null(kpis.Indicators.Involvement);
        Assert.Null(kpis.OptIn.Rate);
    }

    private static KpiInputs Inputs(IReadOnlyList<Response> responses, IReadOnlyDictionary<string, Participant> participants) => new()
    {
        Now = Now,
        Responses = responses,
        Consultations = [Consultation],
        Projects = [],
        Participants = participants,
        Questions = [],
        Notifications = [],
        Deliveries = [],
        RecipientActivity = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(),
        AnswerTarget = TimeSpan.FromHours(48),
        ReturnWindow = TimeSpan.FromDays(7),
    };

    private static Response Response(string id, string participant, TimeSpan? submittedAfter, string? comment = null)
    {
        var answers = new List<Answer> { new("q-required", new YesNoAnswer(true), Start.AddMinutes(1)) };
        if (comment is not null)
        {
            answers.Add(new Answer("q-comment", new TextAnswer(comment), Start.AddMinutes(2)));
        }

        return new Response
        {
            Id = id,
            ParticipantId = participant,
            ConsultationId = Consultation.Id,
            StartedAt = Start,
            SubmittedAt = submittedAfter is { } after ? Start + after : null,
            UpdatedAt = Start,
            Answers = answers,
        };
    }

    private static Participant Participant(string id, params Subscription[] subscriptions) => new()
    {
        Id = id,
        ChannelId = "test",
        UserId = id,
        CreatedAt = Start,
        Subscriptions = subscriptions,
    };

    private static CitizenQuestion Question(string id, DateTimeOffset asked, TimeSpan? answeredAfter, CitizenQuestionStatus? status = null) => new()
    {
        Id = id,
        ParticipantId = "x",
        ProjectSlug = "p1",
        Text = "?",
        Language = "fr",
        AskedAt = asked,
        UpdatedAt = asked,
        AnsweredAt = answeredAfter is { } after ? asked + after : null,
        Status = status ?? (answeredAfter is null ? CitizenQuestionStatus.New : CitizenQuestionStatus.Answered),
    };

    private static Delivery Delivery(string participant, DateTimeOffset sentAt, DeliveryStatus status) => new()
    {
        Id = participant,
        NotificationId = "n1",
        ParticipantId = participant,
        ConversationReferenceId = "ref-" + participant,
        IdempotencyKey = "n1/" + participant,
        Status = status,
        SentAt = status == DeliveryStatus.Sent ? sentAt : null,
        CreatedAt = sentAt,
        UpdatedAt = sentAt,
    };

    private static Project Project(string slug) => new()
    {
        Slug = slug,
        Title = new LocalizedText(slug, slug),
        Description = new LocalizedText("d", "d"),
        HowInputIsUsed = new LocalizedText("utilisé", "used"),
    };
}
