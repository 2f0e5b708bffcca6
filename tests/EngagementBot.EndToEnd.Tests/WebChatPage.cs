using Microsoft.Playwright;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>What a user does on the Web Chat page, in Playwright terms.</summary>
internal sealed class WebChatPage
{
    public const string SendBox = "[data-id=\"webchat-sendbox-input\"]";
    private static readonly float Timeout = 30_000;

    private WebChatPage(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<WebChatPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        var webChat = new WebChatPage(page);
        await webChat.WaitForSendBoxAsync();
        return webChat;
    }

    public Task WaitForSendBoxAsync() =>
        Page.Locator(SendBox).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = Timeout });

    public async Task SendAsync(string text)
    {
        var input = Page.Locator(SendBox);
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>Waits for a message bubble from the bot (after the first <paramref name="skip"/>) whose text matches, and returns its text.</summary>
    public async Task<string> WaitForBotMessageAsync(Func<string, bool> matches, int skip = 0)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var text in (await BotMessagesAsync()).Skip(skip))
            {
                if (matches(text))
                {
                    return text;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No bot message matched. Bot messages seen: " + string.Join(" | ", await BotMessagesAsync()));
    }

    /// <summary>The texts of the bot's message bubbles (not the user's), in order.</summary>
    public async Task<IReadOnlyList<string>> BotMessagesAsync() =>
        await Page.Locator(".webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content").AllInnerTextsAsync();

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
