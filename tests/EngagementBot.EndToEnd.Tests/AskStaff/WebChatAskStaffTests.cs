using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EngagementBot.EndToEnd.Tests.AskStaff;

/// <summary>
/// The ask-staff loop end to end: a citizen asks in the real Web Chat (headless Chromium, embedded Direct Line),
/// accepts to pass the question on; a staff member answers through Teams-shaped activities on /api/messages
/// (channel msteams, configured from.aadObjectId); the answer appears in the citizen's Web Chat, pushed proactively.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatAskStaffTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string StaffAadObjectId = "6b1f6f0e-4c1d-4a8e-9f51-2a7d3c9e8b10";
    private const string Question = "Can I launch a motor boat from the park in winter?";
    private const string Answer = "No: motor boats are not allowed; the kayak launch opens from May to October.";

    private readonly AskStaffBotFactory _factory = new();
    private TeamsConnectorStub _teams = null!;
    private HttpClient _client = null!;
    private string _origin = string.Empty;

    public async Task InitializeAsync()
    {
        _teams = await TeamsConnectorStub.StartAsync();
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _origin = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(_origin) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _teams.DisposeAsync();
    }

    [Fact]
    public async Task A_web_chat_question_answered_by_staff_in_teams_reaches_the_citizen_proactively()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await WebChatPage.OpenAsync(context, $"{_origin}/?lang=en");
        await page.WaitForBotMessageAsync(text => text.Contains("EngagementBot", StringComparison.Ordinal));

        await page.SendAsync(Question);
        await page.WaitForBotMessageAsync(text => text.Contains("Would you like me to pass your question to the project team?", StringComparison.Ordinal));
        var offer = page.Page.Locator(".ac-adaptiveCard").Last;
        await offer.GetByText("Would you like me to pass your question").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Task.Delay(500);
        await offer.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).ClickAsync();
        var promise = await page.WaitForBotMessageAsync(text => text.Contains("Your question is on its way", StringComparison.Ordinal));
        Assert.Contains("Équipe Participation citoyenne / Public Engagement team", promise, StringComparison.Ordinal);

        await PostTeamsAsync("questions");
        await _teams.WaitForAsync((_, content) => content.Contains(Question, StringComparison.Ordinal) && content.Contains("Open questions (1)", StringComparison.Ordinal));
        await PostTeamsAsync("answer 1 " + Answer);
        await _teams.WaitForAsync((_, content) => content.Contains("Sent to the citizen and closed", StringComparison.Ordinal));

        var intro = await page.WaitForBotMessageAsync(text => text.Contains("The project team answered your question", StringComparison.Ordinal));
        var answer = await page.WaitForBotMessageAsync(text => text.Contains(Answer, StringComparison.Ordinal));
        await page.ScreenshotAsync("ask-staff-webchat-en");

        Assert.Contains(Question, intro, StringComparison.Ordinal);
        Assert.Equal(Answer, answer.Trim());
    }

    [Fact]
    public async Task A_local_web_chat_user_switched_to_staff_answers_from_the_card_and_the_french_citizen_gets_it()
    {
        const string Question = "Est-ce qu'on pourra mettre un kayak à l'eau au bout de la rue Champlain?";
        const string Reply = "Oui : une mise à l'eau pour kayaks est prévue au bout de la rue Champlain.";
        await using var citizenContext = await browser.Browser.NewContextAsync();
        var citizen = await WebChatPage.OpenAsync(citizenContext, $"{_origin}/?lang=fr");
        await citizen.WaitForBotMessageAsync(text => text.Contains("EngagementBot", StringComparison.Ordinal));
        await citizen.SendAsync(Question);
        await citizen.WaitForBotMessageAsync(text => Plain(text).Contains("Voulez-vous que je la transmette", StringComparison.Ordinal));
        await citizen.SendAsync("oui");
        await citizen.WaitForBotMessageAsync(text => text.Contains("vous répondra ici", StringComparison.Ordinal));

        // The development switch: /?user=dev-staff chats as a user id listed in Staff:DevelopmentUserIds (local mode only).
        await using var staffContext = await browser.Browser.NewContextAsync();
        var staff = await WebChatPage.OpenAsync(staffContext, $"{_origin}/?lang=en&user=dev-staff");
        await staff.WaitForBotMessageAsync(text => text.Contains("EngagementBot", StringComparison.Ordinal));
        await staff.SendAsync("questions");
        await staff.WaitForBotMessageAsync(text => text.Contains("Open questions (1)", StringComparison.Ordinal));
        var card = staff.Page.Locator(".ac-adaptiveCard").Last;
        await card.GetByText("Open questions (1)").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Task.Delay(500);
        await card.GetByLabel("Your answer (the citizen reads French)").FillAsync(Reply);
        await card.GetByRole(AriaRole.Button, new() { Name = "Send the answer", Exact = true }).ClickAsync();
        await staff.WaitForBotMessageAsync(text => text.Contains("Sent to the citizen and closed", StringComparison.Ordinal));

        var intro = Plain(await citizen.WaitForBotMessageAsync(text => Plain(text).Contains("L'équipe du projet a répondu à votre question", StringComparison.Ordinal)));
        var answer = Plain(await citizen.WaitForBotMessageAsync(text => Plain(text).Contains(Reply, StringComparison.Ordinal)));
        await citizen.ScreenshotAsync("ask-staff-webchat-fr-citizen");
        await staff.ScreenshotAsync("ask-staff-webchat-dev-staff");

        Assert.Contains(Question, intro, StringComparison.Ordinal);
        Assert.Equal(Reply, answer.Trim());
    }

    /// <summary>Web Chat's markdown renders straight apostrophes as typographic ones.</summary>
    private static string Plain(string text) => text.Replace('’', '\'');

    private async Task PostTeamsAsync(string text)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = "msteams",
            ServiceUrl = _teams.ServiceUrl,
            Timestamp = DateTimeOffset.UtcNow,
            Locale = "en-US",
            Text = text,
            From = new ChannelAccount { Id = "29:staff-member", Name = "Camille Gagnon", AadObjectId = StaffAadObjectId },
            Recipient = new ChannelAccount { Id = "28:engagementbot", Name = "EngagementBot" },
            Conversation = new ConversationAccount { Id = "a:staff-personal-chat", ConversationType = "personal", TenantId = "3f2a1b6c-0d4e-4f5a-9b8c-7d6e5f4a3b2c" },
        };
        using var content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await _client.PostAsync("/api/messages", content);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"/api/messages answered {response.StatusCode}");
    }

    private sealed class AskStaffBotFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(BotLocations.BotProjectDirectory);
            builder.UseSetting("DirectLine:Enabled", "true");
            builder.UseSetting("Staff:Members:0:AadObjectId", StaffAadObjectId);
            builder.UseSetting("Storage:DataFolder", Path.Combine(Path.GetTempPath(), "engagementbot-e2e", Guid.NewGuid().ToString("N")));
        }
    }
}
