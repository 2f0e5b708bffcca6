using System.Net;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.EndToEnd.Tests.AskStaff;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EngagementBot.EndToEnd.Tests.Publishing;

/// <summary>
/// A staff member in the real Web Chat (headless Chromium, embedded Direct Line, the local <c>?user=dev-staff</c>
/// switch) publishes news from the preview card, then stops it with the progress card's Withdraw button and the
/// confirmation card, while the dispatcher sends to Teams subscribers (a loopback Teams connector, 2 messages/s).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatWithdrawTests(BrowserFixture browser) : IAsyncLifetime
{
    private const int Subscribers = 20;
    private readonly WithdrawBotFactory _factory = new();
    private TeamsConnectorStub _teams = null!;
    private string _origin = string.Empty;

    public async Task InitializeAsync()
    {
        _teams = await TeamsConnectorStub.StartAsync();
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _origin = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _teams.DisposeAsync();
    }

    [Fact]
    public async Task Staff_publish_from_the_preview_card_and_withdraw_from_the_progress_card()
    {
        for (var i = 0; i < Subscribers; i++)
        {
            await AddTeamsSubscriberAsync(i);
        }

        await using var context = await browser.Browser.NewContextAsync();
        var staff = await WebChatPage.OpenAsync(context, $"{_origin}/?lang=en&user=dev-staff");
        await staff.WaitForBotMessageAsync(text => text.Contains("EngagementBot", StringComparison.Ordinal));

        await staff.SendAsync("publish news parc-des-berges");
        await staff.WaitForBotMessageAsync(text => text.Contains("Send the text of the news item", StringComparison.Ordinal));
        await staff.SendAsync("New trail\nThe riverside trail opens on Saturday."); // the send box wraps: a textarea
        var preview = await ClickAsync(staff, "Preview", "Publish");
        Assert.Contains(Subscribers.ToString(System.Globalization.CultureInfo.InvariantCulture), preview, StringComparison.Ordinal);
        await staff.WaitForBotMessageAsync(text => text.Contains($"Published. {Subscribers} message(s) queued", StringComparison.Ordinal));
        await _teams.WaitForAsync((activity, content) => content.Contains("New trail", StringComparison.Ordinal));

        await staff.SendAsync("progress");
        await ClickAsync(staff, "Delivery of", "Withdraw");
        await ClickAsync(staff, "Stop sending «", "Withdraw");
        await staff.WaitForBotMessageAsync(text => text.Contains("Withdrawn: «", StringComparison.Ordinal));
        var report = await staff.WaitForBotMessageAsync(text => text.Contains("was stopped", StringComparison.Ordinal));
        await staff.ScreenshotAsync("withdraw-webchat-dev-staff");

        var sent = _teams.Received.Count(a => a.Conversation?.Id?.StartsWith("a:subscriber-", StringComparison.Ordinal) == true);
        Assert.InRange(sent, 1, Subscribers - 1);
        Assert.Contains($"{sent} / {Subscribers} sent", report, StringComparison.Ordinal);
        Assert.Contains($"{Subscribers - sent} withdrawn", report, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(sent, _teams.Received.Count(a => a.Conversation?.Id?.StartsWith("a:subscriber-", StringComparison.Ordinal) == true));
    }

    /// <summary>Clicks a button of the last Adaptive Card that shows <paramref name="cardText"/>; returns the card's text.</summary>
    private static async Task<string> ClickAsync(WebChatPage page, string cardText, string button)
    {
        var card = page.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = cardText }).Last;
        await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Task.Delay(300);
        var text = await card.InnerTextAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        return text;
    }

    private async Task AddTeamsSubscriberAsync(int index)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var userId = $"29:subscriber-{index}";
        var participant = await services.GetRequiredService<IParticipantStore>().SaveAsync(
            new Participant
            {
                Id = Ids.New(),
                ChannelId = Channels.MsTeams,
                UserId = userId,
                PreferredLanguage = index % 2 == 0 ? "fr" : "en",
                CreatedAt = DateTimeOffset.UtcNow,
                Subscriptions = [new Subscription("parc-des-berges", SubscriptionTopics.News)],
            },
            default);
        var conversationId = $"a:subscriber-{index}";
        await services.GetRequiredService<IConversationReferenceStore>().SaveAsync(
            new ConversationReferenceRecord
            {
                Id = ConversationReferenceRecord.CreateId(Channels.MsTeams, conversationId, userId),
                ParticipantId = participant.Id,
                ChannelId = Channels.MsTeams,
                ServiceUrl = new Uri(_teams.ServiceUrl),
                ConversationId = conversationId,
                ConversationType = "personal",
                TenantId = "3f2a1b6c-0d4e-4f5a-9b8c-7d6e5f4a3b2c",
                UserId = userId,
                BotId = "28:engagementbot",
                LastConfirmedAt = DateTimeOffset.UtcNow,
                Reachability = Reachability.Reachable,
            },
            default);
    }

    private sealed class WithdrawBotFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(BotLocations.BotProjectDirectory);
            builder.UseSetting("DirectLine:Enabled", "true");
            builder.UseSetting("Storage:DataFolder", Path.Combine(Path.GetTempPath(), "engagementbot-e2e", Guid.NewGuid().ToString("N")));
            builder.UseSetting("Dispatch:QuietHours:Enabled", "false");
            builder.UseSetting("Dispatch:FrequencyCap:MaxPerWeek", "0");
            builder.UseSetting("Dispatch:RateLimits:PerTenantPerSecond:msteams", "2");
            builder.UseSetting("Dispatch:WithdrawalCheckInterval", "00:00:00.200");
            builder.UseSetting("Dispatch:PollInterval", "00:00:00.200");
        }
    }
}
