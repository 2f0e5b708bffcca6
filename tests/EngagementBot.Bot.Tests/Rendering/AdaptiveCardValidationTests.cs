using System.Diagnostics;
using System.Text.Json;
using EngagementBot.Bot.Rendering;
using EngagementBot.Bot.Tests.Consultations;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Bot.Tests.Rendering;

/// <summary>
/// Every Adaptive Card the bot sends during the demo consultation (FR and EN, Web Chat and Teams), plus the
/// builder's other shapes, written to JSON files and validated by the official <c>adaptivecards@3.0.6</c>
/// object model in Node (tests/EngagementBot.EndToEnd.Tests/tools/validate-adaptive-cards.js): 0 parse or
/// validation errors, version ≤ 1.5.
/// </summary>
public sealed class AdaptiveCardValidationTests : IAsyncLifetime
{
    private static readonly string[] Script =
        ["start", "yes", "1", "1, 2", "1, 2, 3", "3", "skip", "yes", "5", "skip", "skip", "skip", "submit", "no"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementbot-cards", Guid.NewGuid().ToString("N"));
    private ConnectorStubServer _channel = null!;
    private BotApplicationFactory _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _channel = await ConnectorStubServer.StartAsync();
        _bot = new BotApplicationFactory(new() { ["Turns:MessagesPerConversation"] = "1000" });
        _client = new HttpClient { BaseAddress = _bot.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_card_of_the_demo_consultation_passes_the_adaptivecards_validator()
    {
        var count = 0;
        foreach (var (locale, channel) in new[] { ("en-US", "webchat"), ("fr-CA", "directline"), ("fr-CA", "msteams") })
        {
            var chat = new ConsultationChat(_client, _channel, locale, channel);
            foreach (var line in Script)
            {
                var replies = await chat.SayAsync(line);
                foreach (var card in replies.Cards)
                {
                    await File.WriteAllTextAsync(Path.Combine(_folder, $"{channel}-{locale}-{count++:000}.json"), card.GetRawText());
                }
            }
        }

        // Shapes the demo does not reach: a 0–10 scale (choice set instead of buttons), a long option list.
        var longScale = new PromptReply
        {
            Text = "Rate 0–10",
            Kind = PromptKind.Rating,
            Choices = [.. Enumerable.Range(0, 11).Select(i => new PromptChoice(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            TextFallback = "Rate 0–10",
            SubmitLabel = "Send",
        };
        await File.WriteAllTextAsync(Path.Combine(_folder, "builder-long-scale.json"), AdaptiveCardBuilder.Build(longScale).ToJsonString());

        Assert.True(count >= 3 * 7, $"expected a card per choice, multi-choice, rating, yes-no, consent, recap and opt-in prompt, got {count}");
        var (exitCode, output) = await AdaptiveCardsValidator.ValidateFolderAsync(_folder);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"{count + 1} card(s), 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_rejects_a_card_above_version_1_5()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "too-new.json"), """{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"x"}]}""");

        var (exitCode, output) = await AdaptiveCardsValidator.ValidateFolderAsync(_folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("version 1.6 is not <= 1.5", output, StringComparison.Ordinal);
    }
}
