using Microsoft.Playwright;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// Headless Debian Chromium (<c>/usr/bin/chromium</c>, installed with <c>apt-get install -y chromium</c>) driven by
/// Playwright, with the flags that work as root without network. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>tests/EngagementBot.EndToEnd.Tests/TestResults/screenshots</c> (gitignored).</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var repository = Path.GetDirectoryName(BotLocations.BotProjectDirectory)!;
            var directory = Path.Combine(repository, "tests", "EngagementBot.EndToEnd.Tests", "TestResults", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with 'apt-get install -y chromium' (never 'playwright install').");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args = ChromiumFlags,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Shares one browser across the end-to-end test classes.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
