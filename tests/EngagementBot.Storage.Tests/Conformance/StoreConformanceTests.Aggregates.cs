using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    private static CancellationToken Token => CancellationToken.None;

    internal static Project SampleProject(string slug) => new()
    {
        Slug = slug,
        Title = new LocalizedText("Parc " + slug, "Park " + slug),
        Description = new LocalizedText("Description", "Description"),
        HowInputIsUsed = new LocalizedText("Lu par l'équipe", "Read by the team"),
        CurrentPhaseId = "now",
        Timeline = [new TimelinePhase { Id = "now", Title = new LocalizedText("Maintenant", "Now"), Start = new DateOnly(2026, 11, 1), Status = PhaseStatus.Current }],
        KeyDates = [new KeyDate { Id = "kd", Title = new LocalizedText("Atelier", "Workshop"), Start = StorageHost.Start, RegistrationLink = new Uri("https://example.org/r"), Capacity = 10 }],
        Faq = [new FaqEntry { Id = "parking", Question = new LocalizedText("Q?", "Q?"), Answer = new LocalizedText("R", "A") }],
        Results = new ProjectResults { ExpectedOn = new DateOnly(2027, 3, 18) },
    };

    internal static Participant SampleParticipant(string id, string userId, params Subscription[] subscriptions) => new()
    {
        Id = id,
        ChannelId = "msteams",
        UserId = userId,
        AadObjectId = "aad-" + userId,
        PreferredLanguage = "fr",
        CreatedAt = StorageHost.Start,
        Consents = [new ConsentRecord("berges-2026", "2026-11-v1", StorageHost.Start)],
        Subscriptions = subscriptions,
    };

    // ---------------------------------------------------------------- projects

    [Fact]
    public async Task Project_create_get_update_delete()
    {
        var created = await In<IProjectStore, Project>(s => s.SaveAsync(SampleProject("parc"), Token));
        Assert.NotNull(created.ETag);

        var read = await In<IProjectStore, Project?>(s => s.GetAsync("parc", Token));
        Assert.Equal(created.ETag, read!.ETag);
        Assert.Equal(StorageJson.Serialize(created), StorageJson.Serialize(read));

        var updated = await In<IProjectStore, Project>(s => s.SaveAsync(read with { News = [new NewsItem { Id = "n1", Title = new LocalizedText("T", "T"), Body = new LocalizedText("B", "B"), PublishedAt = StorageHost.Start }] }, Token));
        Assert.NotEqual(read.ETag, updated.ETag);
        Assert.Single((await In<IProjectStore, Project?>(s => s.GetAsync("parc", Token)))!.News);

        Assert.True(await In<IProjectStore, bool>(s => s.DeleteAsync("parc", updated.ETag, Token)));
        Assert.Null(await In<IProjectStore, Project?>(s => s.GetAsync("parc", Token)));
        Assert.False(await In<IProjectStore, bool>(s => s.DeleteAsync("parc", null, Token)));
    }

    [Fact]
    public async Task Project_stale_update_is_a_conflict_and_does_not_overwrite()
    {
        var created = await In<IProjectStore, Project>(s => s.SaveAsync(SampleProject("parc"), Token));
        await In<IProjectStore, Project>(s => s.SaveAsync(created with { Title = new LocalizedText("Gagnant", "Winner") }, Token));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => In<IProjectStore, Project>(s => s.SaveAsync(created with { Title = new LocalizedText("Perdant", "Loser") }, Token)));

        Assert.Equal("parc", conflict.Key);
        Assert.Equal("Winner", (await In<IProjectStore, Project?>(s => s.GetAsync("parc", Token)))!.Title.En);
    }

    [Fact]
    public async Task Project_create_of_an_existing_slug_is_a_conflict()
    {
        await In<IProjectStore, Project>(s => s.SaveAsync(SampleProject("parc"), Token));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IProjectStore, Project>(s => s.SaveAsync(SampleProject("parc"), Token)));
    }

    [Fact]
    public async Task Project_delete_with_a_stale_etag_is_a_conflict()
    {
        var created = await In<IProjectStore, Project>(s => s.SaveAsync(SampleProject("parc"), Token));
        await In<IProjectStore, Project>(s => s.SaveAsync(created, Token));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IProjectStore, bool>(s => s.DeleteAsync("parc", created.ETag, Token)));
        Assert.NotNull(await In<IProjectStore, Project?>(s => s.GetAsync("parc", Token)));
    }

    [Fact]
    public async Task Project_list_pages_through_every_project_once_in_order()
    {
        var slugs = Enumerable.Range(0, 23).Select(i => $"projet-{i:00}").ToList();
        foreach (var slug in slugs.AsEnumerable().Reverse())
        {
            await In<IProjectStore, Project>(s => s.SaveAsync(SampleProject(slug), Token));
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await In<IProjectStore, Page<Project>>(s => s.ListAsync(new PageRequest(10, token), Token));
            Assert.True(page.Items.Count <= 10);
            seen.AddRange(page.Items.Select(p => p.Slug));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(slugs, seen);
    }

    // ---------------------------------------------------------------- consultations

    [Fact]
    public async Task Consultation_with_every_question_type_round_trips()
    {
        var consultation = new Consultation
        {
            Id = "c1",
            ProjectSlug = "parc",
            Title = new LocalizedText("Titre", "Title"),
            OpensAt = StorageHost.Start,
            ClosesAt = StorageHost.Start.AddDays(30),
            Consent = new ConsentText { Version = "v1", Text = new LocalizedText("Oui?", "Yes?"), Link = new Uri("https://example.org/privacy") },
            Questions =
            [
                new ChoiceQuestion { Id = "a", Prompt = new LocalizedText("A", "A"), Options = [new QuestionOption("x", new LocalizedText("X", "X")), new QuestionOption("y", new LocalizedText("Y", "Y"))] },
                new MultiChoiceQuestion { Id = "b", Prompt = new LocalizedText("B", "B"), MinSelections = 1, MaxSelections = 2, Options = [new QuestionOption("x", new LocalizedText("X", "X")), new QuestionOption("y", new LocalizedText("Y", "Y"))] },
                new RankingQuestion { Id = "c", Prompt = new LocalizedText("C", "C"), RankCount = 1, Options = [new QuestionOption("x", new LocalizedText("X", "X")), new QuestionOption("y", new LocalizedText("Y", "Y"))] },
                new RatingQuestion { Id = "d", Prompt = new LocalizedText("D", "D"), ScaleMin = 0, ScaleMax = 10, Labels = new Dictionary<int, LocalizedText> { [0] = new("Nul", "None") } },
                new YesNoQuestion { Id = "e", Prompt = new LocalizedText("E", "E"), ShowIf = new ShowIfRule("a", ShowIfOperator.EqualTo, "x") },
                new NumberQuestion { Id = "f", Prompt = new LocalizedText("F", "F"), Min = 0, Max = 9.5m, Decimals = 1 },
                new TextQuestion { Id = "g", Prompt = new LocalizedText("G", "G"), MaxLength = 20, Optional = true, ShowIf = new ShowIfRule("b", ShowIfOperator.Contains, "y") },
                new DateQuestion { Id = "h", Prompt = new LocalizedText("H", "H"), Earliest = new DateOnly(2027, 1, 1) },
            ],
        };

        var saved = await In<IConsultationStore, Consultation>(s => s.SaveAsync(consultation, Token));
        var read = await In<IConsultationStore, Consultation?>(s => s.GetAsync("c1", Token));

        Assert.Equal(StorageJson.Serialize(saved), StorageJson.Serialize(read));
        Assert.Equal(Enum.GetValues<QuestionType>(), read!.Questions.Select(q => q.Type).Order());
        Assert.Equal(9.5m, Assert.IsType<NumberQuestion>(read.FindQuestion("f")).Max);
        Assert.Equal("None", Assert.IsType<RatingQuestion>(read.FindQuestion("d")).Labels[0].En);
        Assert.Equal(ShowIfOperator.Contains, read.FindQuestion("g")!.ShowIf!.Operator);
    }

    [Fact]
    public async Task Consultation_list_by_project_and_conflict_on_stale_update()
    {
        var template = new Consultation
        {
            Id = "x",
            ProjectSlug = "parc",
            Title = new LocalizedText("T", "T"),
            OpensAt = StorageHost.Start,
            ClosesAt = StorageHost.Start.AddDays(1),
            Consent = new ConsentText { Version = "v1", Text = new LocalizedText("Oui?", "Yes?") },
            Questions = [new YesNoQuestion { Id = "q", Prompt = new LocalizedText("Q", "Q") }],
        };
        var first = await In<IConsultationStore, Consultation>(s => s.SaveAsync(template with { Id = "c-1" }, Token));
        await In<IConsultationStore, Consultation>(s => s.SaveAsync(template with { Id = "c-2" }, Token));
        await In<IConsultationStore, Consultation>(s => s.SaveAsync(template with { Id = "other", ProjectSlug = "autre" }, Token));
        await In<IConsultationStore, Consultation>(s => s.SaveAsync(first with { Title = new LocalizedText("T2", "T2") }, Token));

        var page = await In<IConsultationStore, Page<Consultation>>(s => s.ListByProjectAsync("parc", PageRequest.First(), Token));
        Assert.Equal(["c-1", "c-2"], page.Items.Select(c => c.Id));
        Assert.Null(page.ContinuationToken);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IConsultationStore, Consultation>(s => s.SaveAsync(first, Token)));
    }

    // ---------------------------------------------------------------- participants

    [Fact]
    public async Task Participant_round_trips_with_consents_and_subscriptions()
    {
        var participant = SampleParticipant("p1", "29:abc", new Subscription("parc", SubscriptionTopics.News | SubscriptionTopics.Events), new Subscription("autre", SubscriptionTopics.All));
        var saved = await In<IParticipantStore, Participant>(s => s.SaveAsync(participant, Token));

        var byId = await In<IParticipantStore, Participant?>(s => s.GetAsync("p1", Token));
        var byAccount = await In<IParticipantStore, Participant?>(s => s.FindByChannelAccountAsync("msteams", "29:abc", Token));

        Assert.Equal(StorageJson.Serialize(saved with { Subscriptions = saved.Subscriptions.OrderBy(x => x.ProjectSlug, StringComparer.Ordinal).ToList() }), StorageJson.Serialize(byId));
        Assert.Equal(saved.ETag, byAccount!.ETag);
        Assert.Null(await In<IParticipantStore, Participant?>(s => s.FindByChannelAccountAsync("webchat", "29:abc", Token)));
    }

    [Fact]
    public async Task Participant_update_replaces_subscriptions_and_stale_update_conflicts()
    {
        var saved = await In<IParticipantStore, Participant>(s => s.SaveAsync(SampleParticipant("p1", "u1", new Subscription("parc", SubscriptionTopics.All)), Token));
        var updated = await In<IParticipantStore, Participant>(s => s.SaveAsync(saved with { PreferredLanguage = "en", Subscriptions = [new Subscription("parc", SubscriptionTopics.Results)] }, Token));

        var read = await In<IParticipantStore, Participant?>(s => s.GetAsync("p1", Token));
        Assert.Equal("en", read!.PreferredLanguage);
        Assert.Equal([new Subscription("parc", SubscriptionTopics.Results)], read.Subscriptions);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IParticipantStore, Participant>(s => s.SaveAsync(saved with { Subscriptions = [] }, Token)));
        Assert.Equal(updated.ETag, (await In<IParticipantStore, Participant?>(s => s.GetAsync("p1", Token)))!.ETag);
        Assert.Single((await In<IParticipantStore, Participant?>(s => s.GetAsync("p1", Token)))!.Subscriptions);
    }

    [Fact]
    public async Task Participant_same_channel_account_twice_is_a_conflict()
    {
        await In<IParticipantStore, Participant>(s => s.SaveAsync(SampleParticipant("p1", "u1"), Token));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IParticipantStore, Participant>(s => s.SaveAsync(SampleParticipant("p2", "u1"), Token)));
    }

    [Fact]
    public async Task Participant_subscribers_are_listed_per_project_and_topic_in_pages()
    {
        for (var i = 0; i < 12; i++)
        {
            var topics = i % 3 == 0 ? SubscriptionTopics.Results : SubscriptionTopics.News | SubscriptionTopics.Results;
            await In<IParticipantStore, Participant>(s => s.SaveAsync(SampleParticipant(Ids.New(), $"u{i}", new Subscription("parc", topics)), Token));
        }

        await In<IParticipantStore, Participant>(s => s.SaveAsync(SampleParticipant(Ids.New(), "elsewhere", new Subscription("autre", SubscriptionTopics.All)), Token));

        var news = new List<Participant>();
        string? token = null;
        do
        {
            var page = await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("parc", SubscriptionTopics.News, new PageRequest(3, token), Token));
            news.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var results = await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("parc", SubscriptionTopics.Results, PageRequest.First(), Token));
        Assert.Equal(8, news.Count);
        Assert.Equal(8, news.Select(p => p.Id).Distinct().Count());
        Assert.All(news, p => Assert.True(p.Subscriptions.Single().Topics.HasFlag(SubscriptionTopics.News)));
        Assert.Equal(12, results.Items.Count);
        Assert.Empty((await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("parc", SubscriptionTopics.Events, PageRequest.First(), Token))).Items);
    }

    [Fact]
    public async Task Participant_reminders_only_subscription_round_trips_and_is_not_an_events_subscription()
    {
        var asked = await In<IParticipantStore, Participant>(s => s.SaveAsync(
            SampleParticipant("asked", "u-asked", new Subscription("parc", SubscriptionTopics.Reminders), new Subscription("autre", SubscriptionTopics.News | SubscriptionTopics.Reminders)), Token));

        var read = await In<IParticipantStore, Participant?>(s => s.GetAsync("asked", Token));
        Assert.Equal(
            [new Subscription("autre", SubscriptionTopics.News | SubscriptionTopics.Reminders), new Subscription("parc", SubscriptionTopics.Reminders)],
            read!.Subscriptions.OrderBy(x => x.ProjectSlug, StringComparer.Ordinal));
        Assert.Empty((await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("parc", SubscriptionTopics.Events, PageRequest.First(), Token))).Items);
        Assert.Equal("asked", Assert.Single((await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("parc", SubscriptionTopics.Reminders, PageRequest.First(), Token))).Items).Id);

        // "stop" on one project keeps the other's.
        await In<IParticipantStore, Participant>(s => s.SaveAsync(read with { Subscriptions = [new Subscription("autre", SubscriptionTopics.News | SubscriptionTopics.Reminders)] }, Token));
        Assert.Empty((await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("parc", SubscriptionTopics.Reminders, PageRequest.First(), Token))).Items);
        Assert.Equal(asked.Id, Assert.Single((await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("autre", SubscriptionTopics.Reminders, PageRequest.First(), Token))).Items).Id);
    }

    [Fact]
    public async Task Participant_delete_removes_the_participant_and_subscriptions()
    {
        var saved = await In<IParticipantStore, Participant>(s => s.SaveAsync(SampleParticipant("p1", "u1", new Subscription("parc", SubscriptionTopics.All)), Token));

        Assert.True(await In<IParticipantStore, bool>(s => s.DeleteAsync("p1", saved.ETag, Token)));

        Assert.Null(await In<IParticipantStore, Participant?>(s => s.GetAsync("p1", Token)));
        Assert.Empty((await In<IParticipantStore, Page<Participant>>(s => s.ListSubscribersAsync("parc", SubscriptionTopics.News, PageRequest.First(), Token))).Items);
    }

    // ---------------------------------------------------------------- conversation references

    [Fact]
    public async Task ConversationReference_round_trips_lists_by_participant_and_conflicts_when_stale()
    {
        var reference = new ConversationReferenceRecord
        {
            Id = ConversationReferenceRecord.CreateId("msteams", "a:conv-1", "29:u1"),
            ParticipantId = "p1",
            ChannelId = "msteams",
            ServiceUrl = new Uri("https://smba.trafficmanager.net/amer/"),
            ConversationId = "a:conv-1",
            ConversationType = "personal",
            TenantId = "tenant-1",
            UserId = "29:u1",
            AadObjectId = "aad-1",
            BotId = "28:bot",
            Locale = "fr-CA",
            LastConfirmedAt = StorageHost.Start,
        };
        var saved = await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(reference, Token));
        await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(reference with { Id = "other", ConversationId = "webchat-1" }, Token));
        var unreachable = await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(saved with { Reachability = Reachability.Unreachable }, Token));

        var list = await In<IConversationReferenceStore, IReadOnlyList<ConversationReferenceRecord>>(s => s.ListByParticipantAsync("p1", Token));
        Assert.Equal(2, list.Count);
        var read = list.Single(r => r.Id == reference.Id);
        Assert.Equal(StorageJson.Serialize(unreachable), StorageJson.Serialize(read));
        Assert.Equal(32, reference.Id.Length);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(saved, Token)));
        Assert.True(await In<IConversationReferenceStore, bool>(s => s.DeleteAsync(reference.Id, null, Token)));
        Assert.Null(await In<IConversationReferenceStore, ConversationReferenceRecord?>(s => s.GetAsync(reference.Id, Token)));
    }

    // ---------------------------------------------------------------- responses

    [Fact]
    public async Task Response_start_is_idempotent_per_participant_and_consultation()
    {
        var first = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Token));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Token));
        var other = await In<IResponseStore, Response>(s => s.StartAsync("p2", "c1", Token));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(StorageHost.Start, again.StartedAt);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task Response_answers_are_saved_one_by_one_and_edits_replace()
    {
        var response = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Token));
        AnswerValue[] values =
        [
            new ChoiceAnswer("daily"), new MultiChoiceAnswer(["walk", "dog"]), new RankingAnswer(["lighting", "trees-shade", "bike-paths"]),
            new RatingAnswer(4), new YesNoAnswer(false), new NumberAnswer(12.50m), new TextAnswer("Plus d'ombre près des jeux 🌳"), new DateAnswer(new DateOnly(2028, 6, 10)),
        ];
        var etag = response.ETag;
        for (var i = 0; i < values.Length; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(10));
            var answer = new Answer($"q{i}", values[i], Clock.GetUtcNow());
            etag = await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, answer, etag, Token));
        }

        Clock.Advance(TimeSpan.FromSeconds(10));
        etag = await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("q3", new RatingAnswer(2), Clock.GetUtcNow()), null, Token));

        var read = (await In<IResponseStore, Response?>(s => s.FindAsync("p1", "c1", Token)))!;
        Assert.Equal(etag, read.ETag);
        Assert.Equal(values.Length, read.Answers.Count);
        Assert.Equal(new RatingAnswer(2), read.AnswerTo("q3"));
        Assert.Equal(values.Where((_, i) => i != 3).Select(StorageJson.Serialize), read.Answers.Where(a => a.QuestionId != "q3").Select(a => StorageJson.Serialize(a.Value)));
        Assert.Equal(Clock.GetUtcNow(), read.UpdatedAt);
    }

    [Fact]
    public async Task Response_parallel_answers_without_etag_are_all_kept()
    {
        var response = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Token));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer($"q{i}", new NumberAnswer(i), Clock.GetUtcNow()), null, Token)))));

        var read = (await In<IResponseStore, Response?>(s => s.GetAsync(response.Id, Token)))!;
        Assert.Equal(["q0", "q1", "q2", "q3"], read.Answers.Select(a => a.QuestionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Response_answer_with_a_stale_etag_is_a_conflict_and_is_not_stored()
    {
        var response = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Token));
        await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("q1", new YesNoAnswer(true), Clock.GetUtcNow()), response.ETag, Token));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("q2", new YesNoAnswer(true), Clock.GetUtcNow()), response.ETag, Token)));

        Assert.Null((await In<IResponseStore, Response?>(s => s.GetAsync(response.Id, Token)))!.AnswerTo("q2"));
    }

    [Fact]
    public async Task Response_remove_answer_submit_and_delete()
    {
        var response = await In<IResponseStore, Response>(s => s.StartAsync("p1", "c1", Token));
        await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("q1", new YesNoAnswer(true), Clock.GetUtcNow()), null, Token));
        await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("q2", new TextAnswer("x"), Clock.GetUtcNow()), null, Token));
        var etag = await In<IResponseStore, string>(s => s.RemoveAnswerAsync(response.Id, "q2", null, Token));
        Clock.Advance(TimeSpan.FromMinutes(1));

        var submitted = await In<IResponseStore, Response>(s => s.SubmitAsync(response.Id, etag, Token));

        Assert.Equal(Clock.GetUtcNow(), submitted.SubmittedAt);
        Assert.Equal(["q1"], submitted.Answers.Select(a => a.QuestionId));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<IResponseStore, Response>(s => s.SubmitAsync(response.Id, etag, Token)));
        Assert.True(await In<IResponseStore, bool>(s => s.DeleteAsync(response.Id, submitted.ETag, Token)));
        Assert.Null(await In<IResponseStore, Response?>(s => s.GetAsync(response.Id, Token)));
    }

    [Fact]
    public async Task Response_list_by_consultation_pages_with_answers()
    {
        for (var i = 0; i < 7; i++)
        {
            var response = await In<IResponseStore, Response>(s => s.StartAsync($"p{i}", "c1", Token));
            await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("q", new NumberAnswer(i), Clock.GetUtcNow()), null, Token));
        }

        await In<IResponseStore, Response>(s => s.StartAsync("p0", "c2", Token));
        var all = new List<Response>();
        string? token = null;
        do
        {
            var page = await In<IResponseStore, Page<Response>>(s => s.ListByConsultationAsync("c1", new PageRequest(3, token), Token));
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(7, all.Count);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (decimal)i), all.Select(r => ((NumberAnswer)r.AnswerTo("q")!).Value).Order());
    }

    [Fact]
    public async Task Response_submissions_of_a_batch_are_read_at_once_only_submitted_ones_of_the_asked_pairs()
    {
        async Task<Response> RespondAsync(string participant, string consultation, bool submit)
        {
            var response = await In<IResponseStore, Response>(s => s.StartAsync(participant, consultation, Token));
            var etag = await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("q", new YesNoAnswer(true), Clock.GetUtcNow()), null, Token));
            return submit ? await In<IResponseStore, Response>(s => s.SubmitAsync(response.Id, etag, Token)) : response;
        }

        var p1c1 = await RespondAsync("p1", "c1", submit: true);
        Clock.Advance(TimeSpan.FromDays(2));
        var p1c2 = await RespondAsync("p1", "c2", submit: true);
        await RespondAsync("p2", "c1", submit: false);          // started only
        var p3c1 = await RespondAsync("p3", "c1", submit: true);
        await RespondAsync("p4", "c1", submit: true);           // not asked for
        await RespondAsync("p3", "c9", submit: true);           // consultation not asked for

        var found = await In<IResponseStore, IReadOnlyList<ResponseSubmission>>(
            s => s.ListSubmissionsAsync(["p1", "p2", "p3", "p5", "p1"], ["c1", "c2"], Token));

        Assert.Equal(
            [new ResponseSubmission("p1", "c1", p1c1.SubmittedAt!.Value), new ResponseSubmission("p1", "c2", p1c2.SubmittedAt!.Value), new ResponseSubmission("p3", "c1", p3c1.SubmittedAt!.Value)],
            found.OrderBy(f => f.ParticipantId, StringComparer.Ordinal).ThenBy(f => f.ConsultationId, StringComparer.Ordinal));
        Assert.Empty(await In<IResponseStore, IReadOnlyList<ResponseSubmission>>(s => s.ListSubmissionsAsync([], ["c1"], Token)));
        Assert.Empty(await In<IResponseStore, IReadOnlyList<ResponseSubmission>>(s => s.ListSubmissionsAsync(["p1"], [], Token)));
    }

    // ---------------------------------------------------------------- citizen questions

    [Fact]
    public async Task CitizenQuestion_lifecycle_listing_and_conflict()
    {
        var questions = new List<CitizenQuestion>();
        for (var i = 0; i < 5; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            var question = new CitizenQuestion
            {
                Id = Ids.New(),
                ParticipantId = i < 3 ? "p1" : "p2",
                ProjectSlug = "parc",
                Text = $"Question {i} : les toilettes seront-elles ouvertes l'hiver?",
                Language = "fr",
                AskedAt = Clock.GetUtcNow(),
                UpdatedAt = Clock.GetUtcNow(),
            };
            questions.Add(await In<ICitizenQuestionStore, CitizenQuestion>(s => s.SaveAsync(question, Token)));
        }

        var answered = await In<ICitizenQuestionStore, CitizenQuestion>(s => s.SaveAsync(
            questions[1] with { Status = CitizenQuestionStatus.Answered, Owner = "staff@example.org", AnswerText = "Oui.", AnsweredAt = Clock.GetUtcNow() }, Token));

        var newOnes = await In<ICitizenQuestionStore, Page<CitizenQuestion>>(s => s.ListAsync(CitizenQuestionStatus.New, new PageRequest(2), Token));
        var next = await In<ICitizenQuestionStore, Page<CitizenQuestion>>(s => s.ListAsync(CitizenQuestionStatus.New, new PageRequest(2, newOnes.ContinuationToken), Token));
        Assert.Equal([questions[0].Id, questions[2].Id], newOnes.Items.Select(q => q.Id));
        Assert.Equal([questions[3].Id, questions[4].Id], next.Items.Select(q => q.Id));
        Assert.Null(next.ContinuationToken);
        Assert.Equal(StorageJson.Serialize(answered), StorageJson.Serialize(await In<ICitizenQuestionStore, CitizenQuestion?>(s => s.GetAsync(answered.Id, Token))));
        Assert.Equal(3, (await In<ICitizenQuestionStore, IReadOnlyList<CitizenQuestion>>(s => s.ListByParticipantAsync("p1", Token))).Count);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<ICitizenQuestionStore, CitizenQuestion>(s => s.SaveAsync(questions[1] with { Owner = "someone-else" }, Token)));
        Assert.True(await In<ICitizenQuestionStore, bool>(s => s.DeleteAsync(answered.Id, answered.ETag, Token)));
    }

    // ---------------------------------------------------------------- notifications and deliveries

    [Fact]
    public async Task Notification_deliveries_are_idempotent_updatable_with_etag_and_paged()
    {
        var notification = await In<INotificationStore, Notification>(s => s.SaveAsync(new Notification
        {
            Id = Ids.New(),
            ProjectSlug = "parc",
            Topic = SubscriptionTopics.News,
            Title = new LocalizedText("Nouvelle", "News"),
            Body = new LocalizedText("Corps", "Body"),
            Link = new Uri("https://example.org/news"),
            CreatedBy = "staff-1",
            CreatedAt = Clock.GetUtcNow(),
            Status = NotificationStatus.Queued,
        }, Token));
        var deliveries = Enumerable.Range(0, 5).Select(i => new Delivery
        {
            Id = Ids.New(),
            NotificationId = notification.Id,
            ParticipantId = $"p{i}",
            ConversationReferenceId = $"ref{i}",
            IdempotencyKey = $"{notification.Id}:ref{i}",
            CreatedAt = Clock.GetUtcNow(),
            UpdatedAt = Clock.GetUtcNow(),
        }).ToList();

        Assert.Equal(5, await In<INotificationStore, int>(s => s.AddDeliveriesAsync(deliveries, Token)));
        Assert.Equal(0, await In<INotificationStore, int>(s => s.AddDeliveriesAsync(deliveries.Select(d => d with { Id = Ids.New() }).ToList(), Token)));

        var stored = (await In<INotificationStore, Delivery?>(s => s.FindDeliveryByIdempotencyKeyAsync($"{notification.Id}:ref2", Token)))!;
        var leased = await In<INotificationStore, Delivery>(s => s.SaveDeliveryAsync(
            stored with { Status = DeliveryStatus.Sending, Attempts = 1, LeaseOwner = "worker-a", LeaseExpiresAt = Clock.GetUtcNow().AddMinutes(1) }, Token));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<INotificationStore, Delivery>(s => s.SaveDeliveryAsync(stored with { LeaseOwner = "worker-b" }, Token)));
        Assert.Equal("worker-a", (await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(stored.Id, Token)))!.LeaseOwner);
        Assert.Equal(StorageJson.Serialize(leased), StorageJson.Serialize(await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(stored.Id, Token))));

        var page1 = await In<INotificationStore, Page<Delivery>>(s => s.ListDeliveriesAsync(notification.Id, new PageRequest(3), Token));
        var page2 = await In<INotificationStore, Page<Delivery>>(s => s.ListDeliveriesAsync(notification.Id, new PageRequest(3, page1.ContinuationToken), Token));
        Assert.Equal(deliveries.Select(d => d.Id), page1.Items.Concat(page2.Items).Select(d => d.Id));
        Assert.Null(page2.ContinuationToken);

        Assert.Equal(StorageJson.Serialize(notification), StorageJson.Serialize(await In<INotificationStore, Notification?>(s => s.GetAsync(notification.Id, Token))));
        Assert.Single((await In<INotificationStore, Page<Notification>>(s => s.ListByProjectAsync("parc", PageRequest.First(), Token))).Items);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => In<INotificationStore, Notification>(s => s.SaveAsync(notification with { ETag = "stale" }, Token)));
        Assert.True(await In<INotificationStore, bool>(s => s.DeleteAsync(notification.Id, notification.ETag, Token)));
        Assert.Null(await In<INotificationStore, Delivery?>(s => s.GetDeliveryAsync(stored.Id, Token)));
    }
}
