using System.Globalization;
using EngagementBot.Dialogs.Notifications;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Dialogs.Tests.Publishing;

/// <summary>
/// The personal message on real SQLite: "you took part in X on &lt;date&gt;" for results and interim reports to those who
/// submitted a response, a clean message otherwise; French and English; dates for fr-CA / en-CA; the link.
/// </summary>
public sealed class PersonalComposerTests : IAsyncLifetime
{
    private PublishingStorageHost _host = null!;

    public async Task InitializeAsync() => _host = await PublishingStorageHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Results_to_a_french_participant_who_submitted_say_you_said_we_did_with_the_date()
    {
        var participant = await _host.AddParticipantAsync("fr", SubscriptionTopics.Results, Reachability.Reachable);
        var response = await _host.RespondAsync(participant.Id, submit: true);

        var text = await ComposeAsync(Results(), participant);

        var day = TimeZoneInfo.ConvertTime(response.SubmittedAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("America/Toronto"));
        var date = day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-CA"));
        Assert.Contains("**Résultats : Réaménagement du parc des Berges**", text, StringComparison.Ordinal);
        Assert.Contains($"Vous avez participé à « Réaménagement du parc des Berges : votre avis » le {date}. Vous avez dit, nous avons fait", text, StringComparison.Ordinal);
        Assert.Contains("**Le parc aura des jeux d'eau**", text, StringComparison.Ordinal);
        Assert.Contains("En savoir plus : https://riviere-claire.example/berges/resultats", text, StringComparison.Ordinal);
        Assert.Contains("Répondez « arrêt »", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Splash pad", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_in_english_use_the_english_texts_and_an_en_CA_date()
    {
        var participant = await _host.AddParticipantAsync("en", SubscriptionTopics.Results, Reachability.Reachable);
        var response = await _host.RespondAsync(participant.Id, submit: true);

        var text = await ComposeAsync(Results(), participant);

        var day = TimeZoneInfo.ConvertTime(response.SubmittedAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("America/Toronto"));
        Assert.Contains($"You took part in «Riverside Park redevelopment: your views» on {day.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-CA"))}. You said, we did", text, StringComparison.Ordinal);
        Assert.Contains("**Results: Riverside Park redevelopment**", text, StringComparison.Ordinal);
        Assert.Contains("**Splash pad is in**", text, StringComparison.Ordinal);
        Assert.Contains("Read more: https://riviere-claire.example/berges/resultats", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_who_only_started_or_never_answered_gets_the_clean_message()
    {
        var started = await _host.AddParticipantAsync("en", SubscriptionTopics.Results, Reachability.Reachable);
        await _host.RespondAsync(started.Id, submit: false);
        var subscriber = await _host.AddParticipantAsync("fr", SubscriptionTopics.Results, Reachability.Reachable);

        var english = await ComposeAsync(Results(), started);
        var french = await ComposeAsync(Results(), subscriber);

        Assert.DoesNotContain("You took part", english, StringComparison.Ordinal);
        Assert.StartsWith("**Results: Riverside Park redevelopment**\n\n**Splash pad is in**", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Vous avez participé", french, StringComparison.Ordinal);
        Assert.StartsWith("**Résultats : Réaménagement du parc des Berges**\n\n**Le parc aura des jeux d'eau**", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interim_reports_say_where_things_stand_and_news_never_mentions_participation()
    {
        var participant = await _host.AddParticipantAsync("en", SubscriptionTopics.All, Reachability.Reachable);
        await _host.RespondAsync(participant.Id, submit: true);

        var interim = await ComposeAsync(Results() with { Kind = NotificationKind.InterimReport }, participant);
        var news = await ComposeAsync(Results() with { Kind = NotificationKind.News, Link = null }, participant);

        Assert.Contains("**Interim report: Riverside Park redevelopment**", interim, StringComparison.Ordinal);
        Assert.Contains("Here is where things stand so far:", interim, StringComparison.Ordinal);
        Assert.StartsWith("**News: Riverside Park redevelopment**\n\n**Splash pad is in**\n\nThe council", news, StringComparison.Ordinal);
        Assert.DoesNotContain("took part", news, StringComparison.Ordinal);
        Assert.DoesNotContain("Read more", news, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepared_for_a_batch_it_writes_the_same_personal_messages_without_reading_per_recipient()
    {
        var submitted = await _host.AddParticipantAsync("fr", SubscriptionTopics.Results, Reachability.Reachable);
        await _host.RespondAsync(submitted.Id, submit: true);
        var started = await _host.AddParticipantAsync("en", SubscriptionTopics.Results, Reachability.Reachable);
        await _host.RespondAsync(started.Id, submit: false);
        var submittedEnglish = await _host.AddParticipantAsync("en", SubscriptionTopics.All, Reachability.Reachable);
        await _host.RespondAsync(submittedEnglish.Id, submit: true);
        var never = await _host.AddParticipantAsync("fr", SubscriptionTopics.Results, Reachability.Reachable);
        Participant[] batch = [submitted, started, submittedEnglish, never];
        var results = Results();
        var interim = Results() with { Id = Ids.New(), Kind = NotificationKind.InterimReport };

        // Prepared in a scope that then ends (as the dispatcher does): composing afterwards must not touch a store.
        var prepared = await _host.InScopeAsync(sp => sp.GetRequiredService<INotificationComposer>().PrepareAsync([results, interim], batch, default));
        Assert.NotNull(prepared);

        foreach (var notification in new[] { results, interim })
        {
            foreach (var participant in batch)
            {
                var composed = await prepared.ComposeAsync(notification, participant, default);
                var one = await ComposeAsync(notification, participant);
                Assert.Equal(one, Assert.IsType<TextReply>(Assert.Single(composed.Replies)).Text);
            }
        }

        Assert.Contains("Vous avez participé", Text(await prepared.ComposeAsync(results, submitted, default)), StringComparison.Ordinal);
        Assert.Contains("You took part", Text(await prepared.ComposeAsync(interim, submittedEnglish, default)), StringComparison.Ordinal);
        Assert.DoesNotContain("took part", Text(await prepared.ComposeAsync(results, started, default)), StringComparison.Ordinal);
        Assert.DoesNotContain("participé", Text(await prepared.ComposeAsync(results, never, default)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_news_only_has_nothing_to_prepare()
    {
        var participant = await _host.AddParticipantAsync("fr", SubscriptionTopics.News, Reachability.Reachable);

        var prepared = await _host.InScopeAsync(sp => sp.GetRequiredService<INotificationComposer>()
            .PrepareAsync([Results() with { Kind = NotificationKind.News }], [participant], default));

        Assert.Null(prepared);
    }

    private static string Text(ComposedNotification composed) => Assert.IsType<TextReply>(Assert.Single(composed.Replies)).Text;

    private static Notification Results() => new()
    {
        Id = Ids.New(),
        ProjectSlug = PublishingStorageHost.Project,
        Topic = SubscriptionTopics.Results,
        Kind = NotificationKind.FinalResults,
        Title = new LocalizedText("Le parc aura des jeux d'eau", "Splash pad is in"),
        Body = new LocalizedText("Le conseil a retenu le scénario B.", "The council chose option B."),
        Link = new Uri("https://riviere-claire.example/berges/resultats"),
        CreatedBy = "test",
        CreatedAt = DateTimeOffset.UtcNow,
        Status = NotificationStatus.Queued,
    };

    private Task<string> ComposeAsync(Notification notification, Participant participant) => _host.InScopeAsync(async sp =>
    {
        var composed = await sp.GetRequiredService<INotificationComposer>().ComposeAsync(notification, participant, default);
        Assert.Equal(participant.PreferredLanguage, composed.Language);
        return Assert.IsType<TextReply>(Assert.Single(composed.Replies)).Text;
    });
}
