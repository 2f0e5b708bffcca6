using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    /// <summary>Every value of every stored row / document, as text (the raw scan the erasure test searches).</summary>
    protected abstract Task<IReadOnlyList<string>> ScanEverythingAsync();

    private static CancellationToken EraseToken => CancellationToken.None;

    // Personal data of the erased participant: none of these may remain anywhere after erasure.
    private static readonly string[] Secrets =
    [
        "p-erase-7f3a", "29:secret-user-91", "aad-secret-91", "a:conv-secret-91", "QUESTION-SECRETE-XYZZY", "REPONSE-STAFF-XYZZY",
        "TEXTE-PERSONNEL-PLUGH", "STATE-SECRET-FROTZ", "USER-STATE-SECRET",
        "DIALOG-SECRET-GNUSTO",
    ];

    [Fact]
    public async Task Erasure_removes_every_personal_datum_and_keeps_only_anonymous_aggregates_where_consent_allows()
    {
        await SeedParticipantEverywhereAsync("p-erase-7f3a", "29:secret-user-91", "aad-secret-91", "a:conv-secret-91", "SECRET");
        await SeedParticipantEverywhereAsync("p-control", "29:control-user", "aad-control", "a:conv-control", "CONTROL");
        var before = string.Join('\n', await ScanEverythingAsync());
        Assert.All(Secrets.Take(8).Append("DIALOG-SECRET-GNUSTO"), s => Assert.Contains(s, before, StringComparison.Ordinal)); // the scan does see them

        var report = await In<IPersonalDataEraser, ErasureReport>(e => e.EraseParticipantAsync("p-erase-7f3a", EraseToken));

        Assert.Equal(new ErasureReport("p-erase-7f3a", true, 1, 4, 1, 1, 1, 1), report);
        var after = await ScanEverythingAsync();
        foreach (var secret in Secrets.Append(ConversationReferenceRecord.CreateId("msteams", "a:conv-secret-91", "29:secret-user-91")))
        {
            Assert.DoesNotContain(after, value => value.Contains(secret, StringComparison.Ordinal));
        }

        // The consultation whose consent allows anonymous aggregates keeps an untraceable copy without free text.
        var kept = (await In<IResponseStore, Page<Response>>(s => s.ListByConsultationAsync("c-keep", PageRequest.First(), EraseToken))).Items;
        var anonymous = Assert.Single(kept, r => r.ParticipantId != "p-control");
        Assert.StartsWith(ResponseAnonymizer.AnonymousPrefix, anonymous.ParticipantId);
        Assert.Equal(new RatingAnswer(4), anonymous.AnswerTo("rating"));
        Assert.Null(anonymous.AnswerTo("comment"));
        Assert.DoesNotContain((await In<IResponseStore, Page<Response>>(s => s.ListByConsultationAsync("c-drop", PageRequest.First(), EraseToken))).Items, r => r.ParticipantId != "p-control");

        // The other participant is untouched, and a second run finds nothing left to do.
        var control = (await In<IPersonalDataEraser, ParticipantDataExport?>(e => e.ExportParticipantAsync("p-control", EraseToken)))!;
        Assert.Equal((1, 2, 3, 1, 1), (control.ConversationReferences.Count, control.Responses.Count, control.State.Count, control.CitizenQuestions.Count, control.Deliveries.Count));
        Assert.Contains(after, value => value.Contains("29:control-user", StringComparison.Ordinal));
        Assert.Equal(new ErasureReport("p-erase-7f3a", false, 0, 0, 0, 0, 0, 0), await In<IPersonalDataEraser, ErasureReport>(e => e.EraseParticipantAsync("p-erase-7f3a", EraseToken)));
    }

    [Fact]
    public async Task Export_returns_everything_stored_about_the_participant()
    {
        await SeedParticipantEverywhereAsync("p-erase-7f3a", "29:secret-user-91", "aad-secret-91", "a:conv-secret-91", "SECRET");

        var export = (await In<IPersonalDataEraser, ParticipantDataExport?>(e => e.ExportParticipantAsync("p-erase-7f3a", EraseToken)))!;

        Assert.Equal("29:secret-user-91", export.Participant.UserId);
        Assert.Single(export.Participant.Consents);
        Assert.Equal("a:conv-secret-91", Assert.Single(export.ConversationReferences).ConversationId);
        Assert.Equal(["c-drop", "c-keep"], export.Responses.Select(r => r.ConsultationId).Order(StringComparer.Ordinal));
        Assert.Equal("QUESTION-SECRETE-XYZZY", Assert.Single(export.CitizenQuestions).Text);
        Assert.Single(export.Deliveries);
        Assert.Contains("STATE-SECRET-FROTZ", export.State["msteams/conversations/a:conv-secret-91"], StringComparison.Ordinal);
        Assert.Contains("USER-STATE-SECRET", export.State["msteams/users/29:secret-user-91"], StringComparison.Ordinal);
        var json = StorageJson.Serialize(export);
        Assert.Contains("TEXTE-PERSONNEL-PLUGH", json, StringComparison.Ordinal);
        Assert.Null(await In<IPersonalDataEraser, ParticipantDataExport?>(e => e.ExportParticipantAsync("nobody", EraseToken)));
    }

    private async Task SeedParticipantEverywhereAsync(string participantId, string userId, string aadId, string conversationId, string marker)
    {
        foreach (var (id, keep) in new[] { ("c-keep", true), ("c-drop", false) })
        {
            if (await In<IConsultationStore, Consultation?>(s => s.GetAsync(id, EraseToken)) is null)
            {
                await In<IConsultationStore, Consultation>(s => s.SaveAsync(new Consultation
                {
                    Id = id,
                    ProjectSlug = "parc",
                    Title = new LocalizedText("T", "T"),
                    OpensAt = StorageHost.Start,
                    ClosesAt = StorageHost.Start.AddDays(30),
                    Consent = new ConsentText { Version = "v1", Text = new LocalizedText("Oui?", "Yes?"), KeepAnonymousAggregates = keep },
                    Questions = [new RatingQuestion { Id = "rating", Prompt = new LocalizedText("R", "R"), ScaleMin = 1, ScaleMax = 5 }, new TextQuestion { Id = "comment", Prompt = new LocalizedText("C", "C") }],
                }, EraseToken));
            }
        }

        await In<IParticipantStore, Participant>(s => s.SaveAsync(
            SampleParticipant(participantId, userId, new Subscription("parc", SubscriptionTopics.All)) with { AadObjectId = aadId }, EraseToken));
        var reference = new ConversationReferenceRecord
        {
            Id = ConversationReferenceRecord.CreateId("msteams", conversationId, userId),
            ParticipantId = participantId,
            ChannelId = "msteams",
            ServiceUrl = new Uri("https://smba.trafficmanager.net/amer/"),
            ConversationId = conversationId,
            ConversationType = "personal",
            UserId = userId,
            AadObjectId = aadId,
            BotId = "28:bot",
            LastConfirmedAt = StorageHost.Start,
        };
        await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(reference, EraseToken));
        await In<IStateStore>(s => s.WriteAsync(
            [
                new StateChange(StateKeys.Conversation("msteams", conversationId), $$"""{"dialog":"survey","note":"STATE-{{marker}}-FROTZ"}"""),
                new StateChange(StateKeys.User("msteams", userId), $$"""{"name":"USER-STATE-{{marker}}"}"""),
                new StateChange(StateKeys.Dialog("msteams", conversationId, userId), $$"""{"stage":"Question","note":"DIALOG-{{marker}}-GNUSTO"}"""),
            ],
            EraseToken));
        foreach (var consultation in new[] { "c-keep", "c-drop" })
        {
            var response = await In<IResponseStore, Response>(s => s.StartAsync(participantId, consultation, EraseToken));
            await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("rating", new RatingAnswer(4), Clock.GetUtcNow()), null, EraseToken));
            await In<IResponseStore, string>(s => s.SaveAnswerAsync(response.Id, new Answer("comment", new TextAnswer($"TEXTE-PERSONNEL-{(marker == "SECRET" ? "PLUGH" : marker)}"), Clock.GetUtcNow()), null, EraseToken));
        }

        await In<ICitizenQuestionStore, CitizenQuestion>(s => s.SaveAsync(new CitizenQuestion
        {
            Id = Ids.New(),
            ParticipantId = participantId,
            ProjectSlug = "parc",
            Text = $"QUESTION-{marker}E-XYZZY",
            Language = "fr",
            Status = CitizenQuestionStatus.Answered,
            AnswerText = $"REPONSE-STAFF-{(marker == "SECRET" ? "XYZZY" : marker)}",
            Owner = "staff@example.org",
            AskedAt = Clock.GetUtcNow(),
            UpdatedAt = Clock.GetUtcNow(),
        }, EraseToken));
        var notification = await In<INotificationStore, Notification>(s => s.SaveAsync(new Notification
        {
            Id = Ids.New(),
            ProjectSlug = "parc",
            Topic = SubscriptionTopics.News,
            Title = new LocalizedText("Nouvelle", "News"),
            Body = new LocalizedText("Corps", "Body"),
            CreatedBy = "staff-1",
            CreatedAt = Clock.GetUtcNow(),
        }, EraseToken));
        await In<INotificationStore, int>(s => s.AddDeliveriesAsync(
            [new Delivery
            {
                Id = Ids.New(),
                NotificationId = notification.Id,
                ParticipantId = participantId,
                ConversationReferenceId = reference.Id,
                IdempotencyKey = $"{notification.Id}:{reference.Id}",
                CreatedAt = Clock.GetUtcNow(),
                UpdatedAt = Clock.GetUtcNow(),
            }],
            EraseToken));
    }
}
