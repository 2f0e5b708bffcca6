using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Playwright;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// The real Web Chat 4.18 bundle in headless Chromium talking to the embedded Direct Line over WebSocket, with
/// a minimal echo bot behind it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatPageTests : IClassFixture<DirectLineBotHost>
{
    private readonly BrowserFixture _browser;
    private readonly DirectLineBotHost _host;

    public WebChatPageTests(BrowserFixture browser, DirectLineBotHost host)
    {
        _browser = browser;
        _host = host;
    }

    [Theory]
    [InlineData("en", "Welcome to EngagementBot", "hello there")]
    [InlineData("fr", "Bienvenue sur EngagementBot", "bonjour à tous")]
    public async Task A_user_types_in_the_send_box_and_sees_the_bot_reply(string language, string welcome, string message)
    {
        await using var context = await _browser.Browser.NewContextAsync();
        var page = await WebChatPage.OpenAsync(context, $"{_host.Origin}/?lang={language}");

        await page.WaitForBotMessageAsync(text => text.Contains(welcome, StringComparison.Ordinal));
        await page.SendAsync(message);
        var reply = await page.WaitForBotMessageAsync(text => text.Contains("echo: " + message, StringComparison.Ordinal));
        await page.ScreenshotAsync($"webchat-{language}");

        Assert.Equal(language, await page.Page.GetAttributeAsync("html", "lang"));
        Assert.Contains(message, reply, StringComparison.Ordinal);
        Assert.Equal(0, await page.Page.Locator("text=/Send failed|Échec de l’envoi|Échec de l'envoi/").CountAsync());
    }

    [Fact]
    public async Task The_language_switch_restarts_the_chat_in_the_chosen_locale()
    {
        await using var context = await _browser.Browser.NewContextAsync();
        var page = await WebChatPage.OpenAsync(context, $"{_host.Origin}/?lang=fr");
        await page.WaitForBotMessageAsync(text => text.Contains("Bienvenue", StringComparison.Ordinal));

        var english = page.Page.GetByRole(AriaRole.Button, new() { Name = "English" });
        await english.ClickAsync();
        await page.WaitForSendBoxAsync();
        await page.WaitForBotMessageAsync(text => text.Contains("Welcome to EngagementBot", StringComparison.Ordinal));
        await page.SendAsync("switched");
        await page.WaitForBotMessageAsync(text => text.Contains("echo: switched", StringComparison.Ordinal));

        Assert.Equal("en", await page.Page.GetAttributeAsync("html", "lang"));
        Assert.Equal("true", await english.GetAttributeAsync("aria-pressed"));
        Assert.DoesNotContain(await page.BotMessagesAsync(), text => text.Contains("Bienvenue", StringComparison.Ordinal));
        var sent = _host.Bot.Received.Last(a => a.IsType(ActivityTypes.Message) && a.Text == "switched");
        Assert.Equal("en-US", sent.Locale);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations(string language)
    {
        // axe-core is injected as an inline script, which the page's Content-Security-Policy forbids: bypass it here only.
        await using var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await WebChatPage.OpenAsync(context, $"{_host.Origin}/?lang={language}");
        await page.WaitForBotMessageAsync(text => text.Contains("EngagementBot", StringComparison.Ordinal));
        await page.SendAsync("accessibility");
        await page.WaitForBotMessageAsync(text => text.Contains("echo: accessibility", StringComparison.Ordinal));

        await page.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js") });
        var json = await page.Page.EvaluateAsync<string>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return JSON.stringify(result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })));
            }
            """);
        await page.ScreenshotAsync($"webchat-axe-{language}");

        var violations = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => v.ToString())
            .ToList();
        Assert.True(violations.Count == 0, "axe-core found serious/critical violations:\n" + string.Join('\n', violations));
    }
}
