using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.ProjectInfo;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.AskStaff;

/// <summary>
/// The ask-staff loop through /api/messages: a citizen's question the bot cannot answer is offered to staff and
/// stored; staff in Teams (configured aadObjectId) list and answer it; the answer reaches the citizen's
/// conversation proactively in the citizen's language; optionally it joins the project's FAQ.
/// </summary>
public sealed class AskStaffLoopTests : DemoProjectBotTests
{
    public const string StaffAadObjectId = "6b1f6f0e-4c1d-4a8e-9f51-2a7d3c9e8b10";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Turns:MessagesPerConversation"] = "1000",
        ["Staff:Members:0:AadObjectId"] = StaffAadObjectId,
        ["Staff:Members:0:Name"] = "Camille Gagnon",
        ["Staff:Members:0:Role"] = "Staff",
        ["AskStaff:ResponseTimeTarget"] = "2.00:00:00",
        ["AskStaff:ResponderListenerId"] = "equipe-participation",
    };

    [Fact]
    public async Task A_french_question_goes_to_staff_and_the_answer_comes_back_in_french_and_joins_the_faq()
    {
        const string Question = "Est-ce qu'on pourra mettre un kayak à l'eau au bout de la rue Champlain?";
        var citizen = Citizen("fr-CA");
        var staff = new TeamsStaffChat(Client, Channel, StaffAadObjectId);

        var offer = await citizen.SayAsync(Question);
        offer.Contains("Voulez-vous que je la transmette à l'équipe du projet?");
        var stored = await citizen.SayAsync("oui");
        stored.Contains("**Équipe Participation citoyenne / Public Engagement team (Service des communications et de la participation)** vous répondra ici d'ici le 24 novembre 2026 à 10 h 00.");
        var question = Assert.Single(await OpenQuestionsAsync());
        Assert.Equal((Question, "fr", "parc-des-berges"), (question.Text, question.Language, question.ProjectSlug));
        Assert.Equal(ConversationReferenceRecord.CreateId("directline", citizen.ConversationId, citizen.UserId), question.ConversationReferenceId);

        var list = await staff.SayAsync("questions");
        var listText = AllText(list);
        AssertContains("Open questions (1), oldest first — target: an answer within 2 d.", listText);
        AssertContains($"**1.** «{Question}»", listText);
        AssertContains("Riverside Park redevelopment · French · asked 0 min ago", listText);
        AssertContains("Your answer (the citizen reads French)", listText);

        var answered = await staff.SayAsync("answer 1 Oui : une mise à l'eau pour kayaks est prévue au bout de la rue Champlain. +faq");
        answered.Contains($"Sent to the citizen and closed: «{Question}».");
        answered.Contains("Also added to the FAQ of **Riverside Park redevelopment**.");

        var intro = await Channel.WaitForActivityAsync(a => a.Conversation?.Id == citizen.ConversationId && a.Text?.StartsWith("L'équipe du projet a répondu", StringComparison.Ordinal) == true);
        Assert.Equal($"L'équipe du projet a répondu à votre question « {Question} » :", intro.Text);
        Assert.Null(intro.ReplyToId);
        Assert.Equal(citizen.UserId, intro.Recipient?.Id);
        await Channel.WaitForActivityAsync(a => a.Conversation?.Id == citizen.ConversationId && a.Text == "Oui : une mise à l'eau pour kayaks est prévue au bout de la rue Champlain.");

        var closed = await WithStoresAsync(s => s.GetRequiredService<ICitizenQuestionStore>().GetAsync(question.Id, CancellationToken.None));
        Assert.Equal(CitizenQuestionStatus.Answered, closed!.Status);
        Assert.Equal(StaffAadObjectId, closed.Owner);
        Assert.Equal(DemoNow.Date, closed.AnsweredAt!.Value.UtcDateTime.Date);
        (await staff.SayAsync("questions")).Contains("No open questions right now.");

        // The same question now has an answer in the FAQ.
        var again = await Citizen("fr-CA").SayAsync(Question);
        again.Contains("une mise à l'eau pour kayaks est prévue");
        again.DoesNotContain("Voulez-vous que je la transmette");
    }

    [Fact]
    public async Task A_citizen_asking_for_a_person_types_the_question_and_staff_answer_from_the_card()
    {
        const string Question = "Can the city lend canoes for free during the summer festival?";
        var citizen = Citizen();
        var staff = new TeamsStaffChat(Client, Channel, StaffAadObjectId, "fr-CA");

        (await citizen.SayAsync("I'd like to speak to someone")).Contains("Type your question for the project team");
        (await citizen.SayAsync(Question)).Contains("By November 24, 2026 at 10:00 a.m., **Équipe Participation citoyenne / Public Engagement team (Communications and engagement department)** will answer you here.");
        var question = Assert.Single(await OpenQuestionsAsync());

        var list = await staff.SayAsync("questions ouvertes");
        var card = Assert.Single(list.Cards);
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        AssertContains("Questions en attente (1)", AllText(list));

        var answered = await staff.SubmitAsync(new Dictionary<string, string>
        {
            ["verb"] = "answer-question",
            ["questionId"] = question.Id,
            [$"answer-{question.Id}"] = "Yes: the marina lends canoes for free on festival weekends.",
            [$"faq-{question.Id}"] = "false",
        });

        answered.Contains("Envoyée à la personne et fermée");
        answered.DoesNotContain("FAQ");
        await Channel.WaitForActivityAsync(a => a.Conversation?.Id == citizen.ConversationId && a.Text == $"The project team answered your question «{Question}»:");
        await Channel.WaitForActivityAsync(a => a.Conversation?.Id == citizen.ConversationId && a.Text == "Yes: the marina lends canoes for free on festival weekends.");
        var project = await WithStoresAsync(s => s.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", CancellationToken.None));
        Assert.DoesNotContain(project!.Faq, f => f.Id.StartsWith("asked-", StringComparison.Ordinal));

        // A second answer to a closed question is refused.
        (await staff.SayAsync($"répondre {question.Id} encore")).Contains("a déjà reçu une réponse");
    }

    [Fact]
    public async Task The_answer_goes_to_the_conversation_the_question_was_asked_in_even_after_a_newer_one()
    {
        var asking = Citizen();
        var later = new ConsultationChat(Client, Channel) { UserId = asking.UserId };
        var staff = new TeamsStaffChat(Client, Channel, StaffAadObjectId);
        await asking.SayAsync("I want to talk to a person");
        await asking.SayAsync("Will the boathouse stay open in winter?");
        (await later.SayAsync("help")).Contains("Here is what I can do");

        (await staff.SayAsync("answer 1 Yes, on weekends.")).Contains("Sent to the citizen and closed");

        await Channel.WaitForActivityAsync(a => a.Conversation?.Id == asking.ConversationId && a.Text == "Yes, on weekends.");
        Assert.DoesNotContain(Channel.SentActivities, a => a.Conversation?.Id == later.ConversationId && a.Text == "Yes, on weekends.");
    }

    [Fact]
    public async Task Declining_the_offer_stores_nothing()
    {
        var citizen = Citizen();

        (await citizen.SayAsync("Can I launch a motor boat from the park in winter?")).Contains("Would you like me to pass your question to the project team?");
        (await citizen.SayAsync("no")).Contains("I won't send it");

        Assert.Empty(await OpenQuestionsAsync());
    }

    [Fact]
    public async Task Staff_get_clear_errors_for_an_unknown_question_or_an_empty_answer()
    {
        var staff = new TeamsStaffChat(Client, Channel, StaffAadObjectId);

        (await staff.SayAsync("answer")).Contains("To answer: **answer <number or id> <your answer>**");
        (await staff.SayAsync("answer 7 It opens in May.")).Contains("I can't find an open question «7»");
        await Citizen().SayAsync("I want to talk to a person");
        var citizen = Citizen();
        await citizen.SayAsync("talk to a human");
        await citizen.SayAsync("Who pays for the new lighting poles on my street?");
        (await staff.SayAsync("answer 1")).Contains("The answer is empty");
    }

    private Task<IReadOnlyList<CitizenQuestion>> OpenQuestionsAsync() =>
        WithStoresAsync<IReadOnlyList<CitizenQuestion>>(async s => (await s.GetRequiredService<ICitizenQuestionStore>().ListAsync(CitizenQuestionStatus.New, PageRequest.First(), CancellationToken.None)).Items);
}
