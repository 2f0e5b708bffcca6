using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.ProjectInfo;

/// <summary>With two projects the bot asks which one, remembers the choice for the conversation, and searches every FAQ.</summary>
public sealed class SeveralProjectsTests : DemoProjectBotTests
{
    [Fact]
    public async Task The_bot_asks_which_project_then_remembers_the_choice_for_the_conversation_only()
    {
        await AddBridgeProjectAsync();
        var chat = Citizen();

        var ask = await chat.SayAsync("Where is the project at?");
        ask.Contains("Which project are you asking about?");
        ask.Contains("Red Bridge reconstruction");
        ask.Contains("Riverside Park redevelopment");

        var status = await chat.SayAsync("Red Bridge reconstruction");
        status.Contains("**Red Bridge reconstruction** — current phase: **Engineering studies**");
        status.Contains("Next: **Construction**, from May 3, 2027.");

        var dates = await chat.SayAsync("When is the next meeting?");
        dates.DoesNotContain("Which project");
        dates.Contains("**Bridge site visit** — December 5, 2026 at 10:00 a.m.");
        dates.Contains("Register: https://participer.riviere-claire.example/pont-rouge/visite");

        var listeners = await chat.SayAsync("Who reads my answers?");
        listeners.DoesNotContain("Which project");
        listeners.Contains("**Sophie Lavoie**, Structural engineer");
        listeners.DoesNotContain("Nadia Belhumeur");

        // Another conversation has made no choice yet; a number picks from the list (ordered by slug).
        var other = Citizen("fr-CA");
        (await other.SayAsync("c'est rendu où le projet?")).Contains("De quel projet parlez-vous?");
        (await other.SayAsync("1")).Contains("**Réaménagement du parc des Berges** — étape en cours : **Consultation sur les scénarios**");
    }

    [Fact]
    public async Task A_question_naming_a_project_is_answered_for_that_project_without_asking()
    {
        await AddBridgeProjectAsync();
        var chat = Citizen();

        var reply = await chat.SayAsync("where is the bridge project at");

        reply.DoesNotContain("Which project");
        reply.Contains("**Red Bridge reconstruction** — current phase: **Engineering studies**");
        (await chat.SayAsync("When is the next meeting?")).Contains("Bridge site visit");
    }

    [Fact]
    public async Task A_faq_question_is_answered_from_whichever_project_has_the_answer_without_asking()
    {
        await AddBridgeProjectAsync();
        var chat = Citizen();

        var reply = await chat.SayAsync("Will cars still be able to cross the bridge?");

        reply.Contains("One lane stays open in each direction");
        reply.Contains("_From the FAQ of Red Bridge reconstruction._");
    }

    private Task<Project> AddBridgeProjectAsync() => WithStoresAsync(services => services.GetRequiredService<IProjectStore>().SaveAsync(
        new Project
        {
            Slug = "pont-rouge",
            Title = new LocalizedText("Reconstruction du pont Rouge", "Red Bridge reconstruction"),
            Description = new LocalizedText("Le pont Rouge sera reconstruit.", "The Red Bridge will be rebuilt."),
            CurrentPhaseId = "etudes",
            Timeline =
            [
                new TimelinePhase { Id = "etudes", Title = new LocalizedText("Études techniques", "Engineering studies"), Start = new DateOnly(2026, 9, 1), End = new DateOnly(2027, 2, 26), Status = PhaseStatus.Current },
                new TimelinePhase { Id = "chantier", Title = new LocalizedText("Chantier", "Construction"), Start = new DateOnly(2027, 5, 3), Status = PhaseStatus.Upcoming },
            ],
            KeyDates =
            [
                new KeyDate
                {
                    Id = "visite",
                    Title = new LocalizedText("Visite du pont", "Bridge site visit"),
                    Start = new DateTimeOffset(2026, 12, 5, 15, 0, 0, TimeSpan.Zero),
                    Place = new LocalizedText("Culée nord du pont", "North abutment of the bridge"),
                    RegistrationLink = new Uri("https://participer.riviere-claire.example/pont-rouge/visite"),
                },
            ],
            Listeners =
            [
                new Listener { Id = "sophie-lavoie", Name = "Sophie Lavoie", Role = new LocalizedText("Ingénieure en structures", "Structural engineer"), WhatTheyDo = new LocalizedText("Tient compte des commentaires sur la circulation.", "Weighs comments on traffic.") },
            ],
            Faq =
            [
                new FaqEntry
                {
                    Id = "closure",
                    Question = new LocalizedText("Les voitures pourront-elles encore traverser le pont pendant les travaux?", "Will cars still be able to cross the bridge during the work?"),
                    Answer = new LocalizedText("Une voie reste ouverte dans chaque direction.", "One lane stays open in each direction."),
                },
            ],
            HowInputIsUsed = new LocalizedText("Les commentaires orientent le phasage.", "Comments shape the phasing."),
        },
        CancellationToken.None));
}
