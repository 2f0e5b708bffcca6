using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.ProjectInfo;

/// <summary>
/// Project answers through the full pipeline (POST /api/messages, real bot, SQLite, demo project), FR and EN:
/// each intent's reply carries the facts of the demo project (phase names, dates, links, names).
/// </summary>
public sealed class ProjectAnswerTranscriptTests : DemoProjectBotTests
{
    [Theory]
    [InlineData("en-US", "Where is the project at?", new[] { "Riverside Park redevelopment", "**Consultation on design options**", "October 15, 2026 to January 15, 2027", "co-design workshop", "Next: **Analysis and consultation report**, from January 18, 2027." })]
    [InlineData("fr-CA", "c'est rendu où le projet?", new[] { "Réaménagement du parc des Berges", "**Consultation sur les scénarios**", "du 15 octobre 2026 au 15 janvier 2027", "atelier de co-design", "Ensuite : **Analyse et rapport de consultation**, à partir du 18 janvier 2027." })]
    [InlineData("en-US", "When is the next meeting?", new[] { "Next events — Riverside Park redevelopment", "**Co-design workshop** — November 28, 2026 at 9:30 a.m.", "Where: Les Saules community centre, 120 rue des Saules, room B", "Register: https://participer.riviere-claire.example/berges/atelier-codesign", "**Online information session** — December 3, 2026 at 7:00 p.m.", "Online: https://participer.riviere-claire.example/berges/seance-en-ligne", "Register: https://participer.riviere-claire.example/berges/marche-exploratoire", "Would you like a reminder" })]
    [InlineData("fr-CA", "C'est quand la prochaine rencontre?", new[] { "Prochains événements — Réaménagement du parc des Berges", "**Atelier de co-design** — 28 novembre 2026 à 9 h 30", "Lieu : Centre communautaire des Saules", "Inscription : https://participer.riviere-claire.example/berges/atelier-codesign", "3 décembre 2026 à 19 h 00", "Voulez-vous un rappel" })]
    [InlineData("en-US", "Any news about the project?", new[] { "Latest news — Riverside Park redevelopment", "**Co-design workshop: spots still available** (November 20, 2026)", "**Removal of diseased ash trees** (November 15, 2026)", "**The consultation is open** (November 1, 2026)", "Read more: https://participer.riviere-claire.example/berges" })]
    [InlineData("fr-CA", "Quelles sont les dernières nouvelles?", new[] { "Dernières nouvelles", "**Atelier de co-design : il reste des places** (20 novembre 2026)", "**Abattage de frênes malades** (15 novembre 2026)", "**La consultation est lancée** (1er novembre 2026)", "En savoir plus : https://participer.riviere-claire.example/berges/atelier-codesign" })]
    [InlineData("en-US", "Who reads my answers?", new[] { "Who reads your input", "**Nadia Belhumeur**, City councillor, Berges district", "**Olivier Tremblay**, Landscape architect, project lead: Reads every comment", "**Marc-Antoine Gagnon**", "Communications and engagement department" })]
    [InlineData("fr-CA", "Qui lit nos commentaires?", new[] { "Qui lit vos contributions", "**Nadia Belhumeur**, Conseillère municipale du district des Berges", "**Olivier Tremblay**, Architecte paysagiste, chargé de projet : Lit chaque commentaire", "**Marc-Antoine Gagnon**" })]
    [InlineData("en-US", "When will the results be published?", new[] { "The results of **Riverside Park redevelopment** are not published yet. They are expected by March 18, 2027.", "public presentation of the results", "Would you like me to tell you when they are published?" })]
    [InlineData("fr-CA", "Les résultats sont-ils disponibles?", new[] { "ne sont pas encore publiés. Ils sont attendus d'ici le 18 mars 2027.", "Voulez-vous que je vous prévienne" })]
    [InlineData("en-US", "What do you do with my input?", new[] { "How your input is used — **Riverside Park redevelopment**", "Every answer is read by the project team", "once the consultation is over" })]
    [InlineData("en-US", "How is my input used?", new[] { "How your input is used — **Riverside Park redevelopment**", "Every answer is read by the project team", "once the consultation is over" })]
    [InlineData("fr-CA", "À quoi servent mes réponses?", new[] { "Comment vos contributions sont utilisées", "Chaque réponse est lue par l'équipe de projet", "au terme de la consultation" })]
    [InlineData("en-US", "Will there be a dog park?", new[] { "A fenced dog run is proposed in every option", "_From the FAQ of Riverside Park redevelopment._" })]
    [InlineData("fr-CA", "Le stationnement va-t-il devenir payant?", new[] { "aucun stationnement payant n'est prévu", "40 supports à vélos" })]
    public async Task Each_intent_is_answered_with_the_demo_projects_facts(string locale, string question, string[] facts)
    {
        var chat = Citizen(locale);

        var reply = await chat.SayAsync(question);

        var text = AllText(reply);
        foreach (var fact in facts)
        {
            AssertContains(fact, text);
        }
    }

    [Theory]
    [InlineData("en-US", "What's the timeline?", new[] { "Timeline — Riverside Park redevelopment", "Site assessment", "February 2, 2026 to May 29, 2026 · done", "Consultation on design options", "in progress", "Phased construction", "September 7, 2027 to October 31, 2028 · upcoming" })]
    [InlineData("fr-CA", "Quel est l'échéancier du projet?", new[] { "Échéancier — Réaménagement du parc des Berges", "Portrait du parc", "du 2 février 2026 au 29 mai 2026 · terminée", "Consultation sur les scénarios", "en cours", "Travaux par phases", "à venir" })]
    public async Task The_timeline_is_a_card_with_every_phase_its_dates_and_its_mark(string locale, string question, string[] facts)
    {
        var chat = Citizen(locale);

        var reply = await chat.SayAsync(question);

        var card = Assert.Single(reply.Cards);
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var text = AllText(reply);
        foreach (var fact in facts)
        {
            AssertContains(fact, text);
        }
    }

    [Fact]
    public async Task Text_only_channels_get_the_timeline_as_marked_lines()
    {
        var chat = Citizen("en-US", "sms");

        var reply = await chat.SayAsync("What's the timeline?");

        Assert.Empty(reply.Cards);
        reply.Contains("✔ **Site assessment** — February 2, 2026 to May 29, 2026 (done)");
        reply.Contains("▶ **Consultation on design options** — October 15, 2026 to January 15, 2027 (in progress)");
        reply.Contains("○ **Final plan and council decision** — April 1, 2027 to June 30, 2027 (upcoming)");
    }

    [Fact]
    public async Task Yes_to_the_reminder_stores_an_events_subscription_and_yes_to_results_a_results_one()
    {
        var chat = Citizen("fr-CA");

        (await chat.SayAsync("C'est quand la prochaine rencontre?")).Contains("Voulez-vous un rappel");
        (await chat.SayAsync("oui")).Contains("je vous rappellerai les événements de **Réaménagement du parc des Berges**");
        var afterReminder = await ParticipantAsync(chat);
        Assert.Equal(SubscriptionTopics.Events, Assert.Single(afterReminder!.Subscriptions).Topics);

        (await chat.SayAsync("Les résultats sont-ils disponibles?")).Contains("Voulez-vous que je vous prévienne");
        (await chat.SayAsync("oui")).Contains("je vous préviendrai ici quand les résultats");
        var afterResults = await ParticipantAsync(chat);
        var subscription = Assert.Single(afterResults!.Subscriptions);
        Assert.Equal("parc-des-berges", subscription.ProjectSlug);
        Assert.Equal(SubscriptionTopics.Events | SubscriptionTopics.Results, subscription.Topics);

        // Already on the list: no second offer.
        var again = await chat.SayAsync("Les résultats sont-ils disponibles?");
        again.Contains("Vous êtes déjà sur la liste");
        again.DoesNotContain("Voulez-vous que je vous prévienne");
    }

    [Fact]
    public async Task Declining_the_reminder_stores_nothing_and_another_question_instead_of_yes_or_no_is_answered()
    {
        var chat = Citizen();

        (await chat.SayAsync("When is the next meeting?")).Contains("Would you like a reminder");
        var moved = await chat.SayAsync("Who reads my answers?");
        moved.Contains("Nadia Belhumeur");
        (await chat.SayAsync("When is the next meeting?")).Contains("Would you like a reminder");
        (await chat.SayAsync("no")).Contains("no reminder");

        Assert.Null(await ParticipantAsync(chat)); // declining stores nothing, not even the person
    }

    [Fact]
    public async Task The_status_command_in_the_middle_of_the_consultation_gives_the_status_answer_and_returns_to_the_question()
    {
        var chat = Citizen();
        (await chat.SayAsync("start")).Contains("Do you agree?");

        var status = await chat.SayAsync("status");

        status.Contains("current phase: **Consultation on design options**");
        status.Contains("Next: **Analysis and consultation report**, from January 18, 2027.");
        status.Contains("Do you agree?");
    }

    [Fact]
    public async Task Published_results_are_summarised_with_their_link()
    {
        await WithStoresAsync(async services =>
        {
            var store = services.GetRequiredService<IProjectStore>();
            var project = (await store.GetAsync("parc-des-berges", CancellationToken.None))!;
            return await store.SaveAsync(
                project with
                {
                    Results = new ProjectResults
                    {
                        Interim = new ResultReport
                        {
                            Summary = new LocalizedText("Éclairage et ombre arrivent en tête.", "Lighting and shade come first."),
                            Link = new Uri("https://participer.riviere-claire.example/berges/rapport-preliminaire"),
                            PublishedAt = new DateTimeOffset(2026, 11, 21, 14, 0, 0, TimeSpan.Zero),
                        },
                    },
                },
                CancellationToken.None);
        });
        var chat = Citizen();

        var reply = await chat.SayAsync("When will the results be published?");

        reply.Contains("**Riverside Park redevelopment** — interim report (published November 21, 2026):\nLighting and shade come first.");
        reply.Contains("Full report: https://participer.riviere-claire.example/berges/rapport-preliminaire");
        reply.DoesNotContain("Would you like me to tell you");
    }
}
