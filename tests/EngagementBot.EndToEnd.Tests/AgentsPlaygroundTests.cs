namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// Teams-shaped end to end: the real bot in local mode and the M365 Agents Playground as the Teams client.
/// Installing the app greets the user once (Teams' conversationUpdate carries no locale, so the greeting is in
/// the configured default language, French, and invites English); help is answered; a French Teams client is
/// answered in French.
/// </summary>
public sealed class AgentsPlaygroundTests : IClassFixture<RealBotHost>, IAsyncLifetime
{
    private readonly RealBotHost _bot;
    private AgentsPlayground _teams = null!;

    public AgentsPlaygroundTests(RealBotHost bot) => _bot = bot;

    public async Task InitializeAsync() => _teams = await AgentsPlayground.StartAsync($"{_bot.Origin}/api/messages");

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task Installing_the_app_greets_once_and_help_is_answered()
    {
        await _teams.InstallAsync();
        var welcome = await _teams.WaitForBotMessageAsync(text => text.Contains("Je suis EngagementBot", StringComparison.Ordinal));

        await _teams.SayAsync("help");
        await _teams.WaitForBotMessageAsync(text => text.Contains("Here is what I can do", StringComparison.Ordinal));

        Assert.Single(_teams.BotMessages, m => m["text"]?.GetValue<string>()?.Contains("Je suis EngagementBot", StringComparison.Ordinal) == true);
        Assert.Contains("You can also write to me in English", welcome["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_teams_client_is_answered_in_french()
    {
        await _teams.SayWithLocaleAsync("aide", "fr-CA");

        await _teams.WaitForBotMessageAsync(text => text.Contains("Voici ce que je peux faire", StringComparison.Ordinal));
    }
}
