namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// The real bot (its Program, turn pipeline and welcome/help handlers) behind the Web Chat page in Chromium.
/// Needs the lead's wiring in Program.cs: AddEmbeddedDirectLine, UseWebSockets, MapEmbeddedDirectLine,
/// MapWebChatPage and the IActivityProcessor.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RealBotPageTests : IClassFixture<RealBotHost>
{
    private readonly BrowserFixture _browser;
    private readonly RealBotHost _host;

    public RealBotPageTests(BrowserFixture browser, RealBotHost host)
    {
        _browser = browser;
        _host = host;
    }

    [Theory]
    [InlineData("en", "help", "Hello! I’m EngagementBot", "Here is what I can do")]
    [InlineData("fr", "aide", "Bonjour! Je suis EngagementBot", "Voici ce que je peux faire")]
    public async Task The_bot_welcomes_the_user_and_answers_a_request_for_help(string language, string help, string expectedWelcome, string expectedHelp)
    {
        await using var context = await _browser.Browser.NewContextAsync();
        var page = await WebChatPage.OpenAsync(context, $"{_host.Origin}/?lang={language}");

        var welcome = await page.WaitForBotMessageAsync(text => text.Contains("EngagementBot", StringComparison.Ordinal));
        var before = (await page.BotMessagesAsync()).Count;
        await page.SendAsync(help);
        var answer = await page.WaitForBotMessageAsync(text => text.Contains(expectedHelp, StringComparison.Ordinal), skip: before);
        await page.ScreenshotAsync($"real-bot-{language}");

        Assert.StartsWith(expectedWelcome, welcome, StringComparison.Ordinal);
        Assert.Contains(expectedHelp, answer, StringComparison.Ordinal);
    }
}
