using System.Net;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EngagementBot.EndToEnd.Tests.Consultations;

/// <summary>
/// The demo consultation completed in Web Chat (headless Chromium) against the real bot: cards are clicked
/// (Action.Submit buttons, radio and check boxes), free answers typed; a screenshot is kept as an artifact.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatConsultationTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly ConsultationBotFactory _factory = new();
    private string _origin = string.Empty;

    public Task InitializeAsync()
    {
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _origin = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_citizen_completes_the_demo_consultation_in_english_by_clicking_the_cards()
    {
        // The browser's clock is in Vancouver: Web Chat reports it with each message (localTimezone).
        await using var context = await browser.Browser.NewContextAsync(new() { TimezoneId = "America/Vancouver" });
        var userId = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        var page = await WebChatPage.OpenAsync(context, $"{_origin}/?lang=en&user={userId}");
        await page.WaitForBotMessageAsync(text => text.Contains("EngagementBot", StringComparison.Ordinal));

        await page.SendAsync("start");
        await ClickButtonInLastCardAsync(page, "Do you agree?", "Yes");
        await PickInLastCardAsync(page, "How often do you go to Riverside Park?", ["Almost every day"]);
        await PickInLastCardAsync(page, "What would you like to do in the park?", ["Walking or running", "Cycling"]);
        await page.WaitForBotMessageAsync(text => text.Contains("Rank your top three priorities", StringComparison.Ordinal));
        await page.SendAsync("1, 2, 3");
        await ClickButtonInLastCardAsync(page, "how safe do you feel", "3 – Somewhat");
        await page.WaitForBotMessageAsync(text => text.Contains("Which spots should be lit first?", StringComparison.Ordinal));
        await page.SendAsync("skip");
        await ClickButtonInLastCardAsync(page, "Do you support adding a splash pad", "Yes");
        await page.WaitForBotMessageAsync(text => text.Contains("How many minutes", StringComparison.Ordinal));
        await page.SendAsync("10");
        await page.WaitForBotMessageAsync(text => text.Contains("what yearly amount", StringComparison.Ordinal));
        await page.SendAsync("12,50");
        await page.WaitForBotMessageAsync(text => text.Contains("Which weekend date in 2028", StringComparison.Ordinal));
        await page.SendAsync("June 17, 2028");
        await page.WaitForBotMessageAsync(text => text.Contains("Any other comments", StringComparison.Ordinal));
        await page.SendAsync("skip");
        await ClickButtonInLastCardAsync(page, "Type **submit**", "Submit", textInCard: "Type submit");
        await ClickButtonInLastCardAsync(page, "Would you like to receive the project", "No");
        var done = await page.WaitForBotMessageAsync(text => text.Contains("All right, no updates", StringComparison.Ordinal));
        await page.ScreenshotAsync("consultation-webchat-en");

        Assert.Contains("Thank you!", string.Join("\n", await page.BotMessagesAsync()), StringComparison.Ordinal);
        Assert.Contains("no updates", done, StringComparison.Ordinal);

        // What the real Web Chat posts carries its marks: the stored conversation is known to be Web Chat (so a
        // message sent to it later renders cards too), not a generic Direct Line client; and the browser's time zone,
        // which proactive messages' quiet hours follow.
        await using var scope = _factory.Services.CreateAsyncScope();
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantStore>().FindByChannelAccountAsync("directline", userId, default);
        var reference = Assert.Single(await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().ListByParticipantAsync(participant!.Id, default));
        Assert.Equal(ChatClient.WebChat, reference.Client);
        Assert.Equal("America/Vancouver", reference.TimeZone);
    }

    [Fact]
    public async Task A_citizen_completes_the_demo_consultation_in_french_by_clicking_the_cards()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA" });
        var page = await WebChatPage.OpenAsync(context, $"{_origin}/?lang=fr");
        await page.WaitForBotMessageAsync(text => text.Contains("Je suis EngagementBot", StringComparison.Ordinal));

        await page.SendAsync("commencer");
        await ClickButtonInLastCardAsync(page, "Acceptez-vous?", "Oui");
        await PickInLastCardAsync(page, "À quelle fréquence allez-vous au parc des Berges?", ["Quelques fois par mois"], send: "Envoyer");

        // Web Chat shows apostrophes as typographic ones (’): the waits below avoid them. A label with a comma ("Pique-niquer, se détendre") checked in the card.
        await PickInLastCardAsync(page, "aimeriez-vous faire au parc?", ["Pique-niquer, se détendre", "Faire du vélo"], send: "Envoyer");
        await page.WaitForBotMessageAsync(text => text.Contains("Classez vos trois priorités", StringComparison.Ordinal));
        await page.SendAsync("2, 1, 4");
        await ClickButtonInLastCardAsync(page, "à quel point vous sentez-vous en sécurité", "3 – Moyennement");
        await page.WaitForBotMessageAsync(text => text.Contains("Quels endroits devraient être éclairés en premier?", StringComparison.Ordinal));
        await page.SendAsync("Le sentier près du pont");
        await ClickButtonInLastCardAsync(page, "Êtes-vous favorable à l", "Non");
        await page.WaitForBotMessageAsync(text => text.Contains("vous inquiète au sujet des jeux", StringComparison.Ordinal));
        await page.SendAsync("passer");
        await page.WaitForBotMessageAsync(text => text.Contains("Combien de minutes de marche", StringComparison.Ordinal));
        await page.SendAsync("15");
        await page.WaitForBotMessageAsync(text => text.Contains("quel montant annuel par ménage", StringComparison.Ordinal));
        await page.SendAsync("20,75 $");
        await page.WaitForBotMessageAsync(text => text.Contains("Quelle date de fin de semaine vous conviendrait en 2028?", StringComparison.Ordinal));
        await page.SendAsync("17 juin 2028");
        await page.WaitForBotMessageAsync(text => text.Contains("autres commentaires", StringComparison.Ordinal));
        await page.SendAsync("Gardez les grands arbres");
        var recap = await page.WaitForBotMessageAsync(text => text.Contains("Voici vos réponses", StringComparison.Ordinal));
        Assert.Contains("Faire du vélo; Pique-niquer, se détendre", recap, StringComparison.Ordinal);
        Assert.Contains("17 juin 2028", recap, StringComparison.Ordinal);
        await ClickButtonInLastCardAsync(page, "Écrivez **envoyer**", "Envoyer", textInCard: "Écrivez envoyer");
        await ClickButtonInLastCardAsync(page, "Voulez-vous recevoir les nouvelles du projet", "Oui");
        var done = await page.WaitForBotMessageAsync(text => text.Contains("je vous tiendrai au courant", StringComparison.Ordinal));
        await page.ScreenshotAsync("consultation-webchat-fr");

        Assert.Contains("Merci! Vos réponses", string.Join("\n", await page.BotMessagesAsync()), StringComparison.Ordinal);
        Assert.Contains("arrêt", done, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(BrowserFixture.ArtifactsDirectory, "consultation-webchat-fr.png")));
    }

    private static async Task<ILocator> LastCardAsync(WebChatPage page, string textInCard)
    {
        await page.WaitForBotMessageAsync(text => text.Contains(textInCard, StringComparison.Ordinal));
        var card = page.Page.Locator(".ac-adaptiveCard").Last;
        await card.GetByText(textInCard).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        // Web Chat re-renders the transcript as the bot's replies arrive; let the new card settle before clicking.
        await Task.Delay(500);
        return card;
    }

    private static async Task ClickButtonInLastCardAsync(WebChatPage page, string waitFor, string button, string? textInCard = null)
    {
        await page.WaitForBotMessageAsync(text => text.Contains(waitFor.Replace("**", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));
        var card = await LastCardAsync(page, textInCard ?? waitFor);
        await card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    private static async Task PickInLastCardAsync(WebChatPage page, string question, string[] labels, string send = "Send")
    {
        var card = await LastCardAsync(page, question);
        foreach (var label in labels)
        {
            await card.GetByLabel(label, new() { Exact = true }).CheckAsync();
        }

        await card.GetByRole(AriaRole.Button, new() { Name = send, Exact = true }).ClickAsync();
    }

    private sealed class ConsultationBotFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(BotLocations.BotProjectDirectory);
            builder.UseSetting("DirectLine:Enabled", "true");
            builder.UseSetting("Turns:MessagesPerConversation", "1000");
            builder.UseSetting("Storage:DataFolder", Path.Combine(Path.GetTempPath(), "engagementbot-e2e", Guid.NewGuid().ToString("N")));
        }
    }
}
