using System.Text.Json.Nodes;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// The demo consultation completed headless in the M365 Agents Playground (a Teams-shaped client: <c>msteams</c>
/// activities with tenant and aadObjectId) against the real bot: the consent is given by an
/// <c>adaptiveCard/action</c> invoke, every other card is answered as Teams does for <c>Action.Submit</c> (a message
/// carrying the card's data and input values), the free answers are typed.
/// </summary>
public sealed class AgentsPlaygroundConsultationTests : IClassFixture<RealBotHost>, IAsyncLifetime
{
    private const string Locale = "en-US";
    private readonly RealBotHost _bot;
    private AgentsPlayground _teams = null!;

    public AgentsPlaygroundConsultationTests(RealBotHost bot) => _bot = bot;

    public async Task InitializeAsync() => _teams = await AgentsPlayground.StartAsync($"{_bot.Origin}/api/messages");

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task A_teams_user_completes_the_demo_consultation_by_acting_on_the_cards()
    {
        var seen = _teams.BotMessages.Count;
        await _teams.SayAsync("start");
        var consent = await _teams.WaitForCardAsync("Do you agree?", seen);
        Assert.Equal("yes", AgentsPlaygroundCards.ValueFor(consent, "Yes")["answer"]!.GetValue<string>());
        await ClickAsync(() => _teams.InvokeActionAsync("answer", AgentsPlaygroundCards.ValueFor(consent, "Yes"), Locale));

        await AnswerCardAsync("How often do you go to Riverside Park?", "Send", "Almost every day");
        await AnswerCardAsync("What would you like to do in the park?", "Send", "Walking or running", "Picnics, relaxing");
        await TypeAsync("Rank your top three priorities", "2, 1, 3");
        await AnswerCardAsync("how safe do you feel", "4");
        await TypeAsync("Which spots should be lit first?", "skip");
        await AnswerCardAsync("Do you support adding a splash pad", "Yes");
        await TypeAsync("How many minutes", "10");
        await TypeAsync("what yearly amount", "12.50");
        await TypeAsync("Which weekend date in 2028", "June 17, 2028");
        await TypeAsync("Any other comments", "More benches please");

        var recap = await _teams.WaitForBotMessageAsync(text => text.Contains("Here are your answers:", StringComparison.Ordinal));
        var recapText = recap["text"]!.GetValue<string>();
        Assert.Contains("Walking or running; Picnics, relaxing", recapText, StringComparison.Ordinal);
        Assert.Contains("Trail lighting > Separate bike path > Splash pad", recapText, StringComparison.Ordinal);
        await AnswerCardAsync("Type **submit**", "Submit");
        await _teams.WaitForBotMessageAsync(text => text.Contains("Thank you! Your answers to «Riverside Park redevelopment: your views» have been sent.", StringComparison.Ordinal));
        await AnswerCardAsync("Would you like to receive the project's news", "Yes");
        await _teams.WaitForBotMessageAsync(text => text.Contains("I'll let you know about news and results", StringComparison.Ordinal));

        // What the bot stored, as the participant can see it.
        await _teams.SayAsync("what data do you have on me");
        await _teams.WaitForBotMessageAsync(text => text.Contains("1 consent(s); 1 subscription(s); 1 consultation response(s) with 9 answer(s)", StringComparison.Ordinal));
    }

    private async Task ClickAsync(Func<Task> click)
    {
        var before = _teams.BotMessages.Count;
        await click();
        await WaitForMoreAsync(before);
    }

    private async Task AnswerCardAsync(string question, string button, params string[] choices)
    {
        var card = await _teams.WaitForCardAsync(question, 0);
        await ClickAsync(() => _teams.SubmitAsync(AgentsPlaygroundCards.ValueFor(card, button, choices), Locale));
    }

    private async Task TypeAsync(string question, string answer)
    {
        await _teams.WaitForBotMessageAsync(text => text.Contains(question, StringComparison.Ordinal));
        var before = _teams.BotMessages.Count;
        await _teams.SayAsync(answer);
        await WaitForMoreAsync(before);
    }

    private async Task WaitForMoreAsync(int before)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_teams.BotMessages.Count == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // The turn's replies arrive together; let the last of them in.
        await Task.Delay(300);
    }
}
