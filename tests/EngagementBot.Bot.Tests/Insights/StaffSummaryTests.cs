using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using EngagementBot.Analytics;
using EngagementBot.Analytics.Model;
using EngagementBot.Bot.Insights;
using EngagementBot.Bot.Tests.Support;
using EngagementBot.Dialogs.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Insights;

/// <summary>
/// A staff member asks for a summary in Teams (POST /api/messages, real SQLite seeded with the 300 comments of
/// feedback-dev.jsonl): the bot acknowledges at once, computes in the background and posts the report card
/// proactively; the card passes adaptivecards@3.0.6, holds the right counts and no personal data; its export links
/// work over HTTP, and tampered, unsigned or expired links are refused.
/// </summary>
public sealed class StaffSummaryTests : BotWithChannelTests
{
    private const string StaffObjectId = "3f2b6c1e-8a47-4d0b-9a55-6e3b1f0c2d11";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Staff:Members:0:AadObjectId"] = StaffObjectId,
        ["Staff:Members:0:Name"] = "Alex Tremblay",
        ["Turns:MessagesPerConversation"] = "1000",
    };

    [Fact]
    public async Task Staff_get_an_acknowledgement_then_the_report_card_with_the_right_counts_and_no_personal_data()
    {
        await FeedbackSeed.SeedAsync(Bot.Services);
        var chat = new StaffInsightsChat(Client, Channel, StaffObjectId);

        var (_, replies) = await chat.SayAsync("summary berges-2026");
        var card = await chat.WaitForProactiveCardAsync();

        var ack = Assert.Single(replies);
        Assert.Contains("Preparing the summary of Riverside Park redevelopment: your views", ack.Text, StringComparison.Ordinal);
        Assert.Null(StaffInsightsChat.Card(ack));

        var total = FeedbackSeed.Feedback.Count;
        var submitted = total - FeedbackSeed.Unsubmitted;
        var texts = StaffInsightsChat.Texts(card);
        var completion = Math.Round(100.0 * submitted / total).ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"Responses: {total}, submitted: {submitted} (completion {completion} %) · comments analysed: {total}", texts);

        var facts = StaffInsightsChat.Facts(card);
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), facts["Participants"]);
        Assert.Equal($"{completion} % ({submitted} of {total})", facts["Completion rate"]);
        var optIn = Math.Round(100.0 * FeedbackSeed.Subscribed / total).ToString(CultureInfo.InvariantCulture);
        Assert.Equal($"{optIn} % ({FeedbackSeed.Subscribed} of {total})", facts["Opted in to updates"]);

        // The seed submits each response right after starting it: the median completion time is under an hour (shown in minutes), not n/a.
        Assert.Matches(@"^\d+(\.\d)? min$", facts["Median completion time"]);

        // The sentiment bars count what the analyzer says of the same comments.
        var expected = await Bot.Services.GetRequiredService<ITextAnalyzer>().AnalyzeSentimentAsync(
            [.. FeedbackSeed.Feedback.Select(f => new TextDocument(f.Id, f.Text, f.Lang))], CancellationToken.None);
        var bars = StaffInsightsChat.BarRows(card);
        foreach (var (label, name) in new[] { (SentimentLabel.Positive, "Positive"), (SentimentLabel.Negative, "Negative"), (SentimentLabel.Neutral, "Neutral"), (SentimentLabel.Mixed, "Mixed") })
        {
            Assert.StartsWith($"{expected.Count(e => e.Sentiment == label)} (", bars[name], StringComparison.Ordinal);
        }

        Assert.Contains("Top themes", texts);
        Assert.True(texts.Count(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^\p{Lu}.* \(\d+\)$")) >= 5, "five themes with their counts");
        await AssertQuotesComeFromTheirResponsesAsync(texts);
        Assert.Contains(texts, t => t.StartsWith("• ", StringComparison.Ordinal) && t.Length > 10); // summary sentences…
        Assert.Contains(texts, t => t.StartsWith('[') && t.Length == 34);                           // …citing response ids
        Assert.Contains(texts, t => t.StartsWith("French ", StringComparison.Ordinal) && t.Contains("English", StringComparison.Ordinal));
        AssertNoPii(card.GetRawText());

        await AssertValidCardAsync("summary-en", card);

        // Each theme has a button that drills into it with the same filters, as if "theme <key> berges-2026" were typed.
        var buttons = StaffInsightsChat.SubmitData(card);
        Assert.Equal(5, buttons.Count);
        var firstTheme = buttons[0].GetProperty("text").GetString()!;
        Assert.Matches(@"^theme [\w:]+ berges-2026$", firstTheme);
        var (_, clicked) = await chat.ClickAsync(buttons[0]);
        Assert.Contains("Looking into the theme", Assert.Single(clicked).Text, StringComparison.Ordinal);
        var themeCard = await chat.WaitForProactiveCardAsync(json => json.Contains("\"Theme: ", StringComparison.Ordinal));
        var themeLabel = texts[texts.FindIndex(t => t == "Top themes") + 1];
        Assert.Equal("Theme: " + themeLabel[..themeLabel.LastIndexOf(" (", StringComparison.Ordinal)], StaffInsightsChat.Texts(themeCard)[0]);
        AssertNoPii(themeCard.GetRawText());

        var links = StaffInsightsChat.Links(card);
        Assert.Equal(2, links.Count);
        var csvLink = links.Single(l => l.AbsolutePath == InsightsExportEndpoints.CsvPath);
        var htmlLink = links.Single(l => l.AbsolutePath == InsightsExportEndpoints.HtmlPath);

        using var csvResponse = await Client.GetAsync(csvLink);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csvText = await csvResponse.Content.ReadAsStringAsync();
        AssertNoPii(csvText);
        using (var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture))
        {
            Assert.True(csv.Read() && csv.ReadHeader());
            Assert.Equal(InsightsCsv.Header, csv.HeaderRecord);
            var sentiments = new List<string>();
            while (csv.Read())
            {
                Assert.Equal(FeedbackSeed.ConsultationId, csv.GetField("consultation_id"));
                Assert.Equal("comments", csv.GetField("question_id"));
                sentiments.Add(csv.GetField("sentiment")!);
            }

            Assert.Equal(total, sentiments.Count);
            Assert.Equal(expected.Count(e => e.Sentiment == SentimentLabel.Negative), sentiments.Count(s => s == "negative"));
        }

        using var htmlResponse = await Client.GetAsync(htmlLink);
        Assert.Equal(HttpStatusCode.OK, htmlResponse.StatusCode);
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType?.MediaType);
        var html = await htmlResponse.Content.ReadAsStringAsync();
        Assert.Contains("<svg id=\"sentiment-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"indicator-chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        AssertNoPii(html);

        // A link whose parameters were changed, one without its signature, an expired one, and a valid link to nothing.
        var tampered = new Uri(csvLink.ToString().Replace("scope=berges-2026", "scope=parc-des-berges", StringComparison.Ordinal));
        Assert.NotEqual(csvLink, tampered);
        await AssertProblemAsync(tampered, HttpStatusCode.Forbidden, "signature");
        await AssertProblemAsync(new Uri(csvLink.GetLeftPart(UriPartial.Path) + "?scope=berges-2026"), HttpStatusCode.Unauthorized, "signed link");
        var signer = Bot.Services.GetRequiredService<ExportLinkSigner>();
        var expired = signer.SignedQuery(InsightsExportEndpoints.CsvPath, [new("scope", "berges-2026"), new("hl", "en")], DateTimeOffset.UtcNow.AddMinutes(-1));
        await AssertProblemAsync(new Uri(Client.BaseAddress!, InsightsExportEndpoints.CsvPath + "?" + expired), HttpStatusCode.Forbidden, "expired");
        var nowhere = signer.SignedQuery(InsightsExportEndpoints.HtmlPath, [new("scope", "no-such-thing"), new("hl", "en")], DateTimeOffset.UtcNow.AddMinutes(5));
        await AssertProblemAsync(new Uri(Client.BaseAddress!, InsightsExportEndpoints.HtmlPath + "?" + nowhere), HttpStatusCode.NotFound, "no-such-thing");
        var badDate = signer.SignedQuery(InsightsExportEndpoints.CsvPath, [new("since", "2026-02-30")], DateTimeOffset.UtcNow.AddMinutes(5));
        await AssertProblemAsync(new Uri(Client.BaseAddress!, InsightsExportEndpoints.CsvPath + "?" + badDate), HttpStatusCode.BadRequest, "since");
    }

    [Fact]
    public async Task Question_period_and_language_filters_narrow_the_card_and_its_csv_export()
    {
        await FeedbackSeed.SeedAsync(Bot.Services);
        var chat = new StaffInsightsChat(Client, Channel, StaffObjectId);

        // Expected: the comments the analyzer detects as French, with the participant's language as the hint (as the report does).
        var detected = await Bot.Services.GetRequiredService<ITextAnalyzer>().DetectLanguageAsync(
            [.. FeedbackSeed.Feedback.Select(f => new TextDocument(f.Id, f.Text, f.Lang))], CancellationToken.None);
        var french = detected.Count(d => d.Language == LanguageResult.French);
        Assert.InRange(french, 1, FeedbackSeed.Feedback.Count - 1);

        // Every response was started and answered today (UTC): a period from yesterday keeps them all.
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (_, ack) = await chat.SayAsync($"summary berges-2026 question comments since {yesterday} fr");
        Assert.Contains("Preparing the summary", Assert.Single(ack).Text, StringComparison.Ordinal);
        var card = await chat.WaitForProactiveCardAsync();
        var texts = StaffInsightsChat.Texts(card);
        Assert.Contains(texts, t => t.EndsWith($" · comments analysed: {french}", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith($"French {french} ", StringComparison.Ordinal) && t.Contains("English 0 ", StringComparison.Ordinal));

        // The export link carries the same filters: only the French comments, each marked fr.
        var csvLink = StaffInsightsChat.Links(card).Single(l => l.AbsolutePath == InsightsExportEndpoints.CsvPath);
        Assert.Contains("lang=fr", csvLink.Query, StringComparison.Ordinal);
        var csvText = await Client.GetStringAsync(csvLink);
        using (var csv = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture))
        {
            Assert.True(csv.Read() && csv.ReadHeader());
            var languages = new List<string>();
            while (csv.Read())
            {
                languages.Add(csv.GetField("language")!);
                Assert.Equal("comments", csv.GetField("question_id"));
            }

            Assert.Equal(french, languages.Count);
            Assert.All(languages, l => Assert.Equal("fr", l));
        }

        // A period that ends before the responses were started, and one that starts after: nothing counted.
        foreach (var (word, day) in new[] { ("until", DateTime.UtcNow.AddDays(-2)), ("since", DateTime.UtcNow.AddDays(2)) })
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await chat.SayAsync($"summary berges-2026 {word} {date}");
            var empty = await chat.WaitForProactiveCardAsync(json => json.Contains($"{word} {date}", StringComparison.Ordinal));
            Assert.Contains("No free-text comment matches these filters yet.", empty.GetRawText(), StringComparison.Ordinal);
            var emptyTexts = StaffInsightsChat.Texts(empty);
            Assert.Contains(emptyTexts, t => t.StartsWith("Responses: 0, submitted: 0", StringComparison.Ordinal) && t.EndsWith(" · comments analysed: 0", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_theme_in_french_lists_its_comments_redacted_and_its_card_is_valid()
    {
        await FeedbackSeed.SeedAsync(Bot.Services);
        var chat = new StaffInsightsChat(Client, Channel, StaffObjectId, "fr-CA");

        var (_, replies) = await chat.SayAsync("thème éclairage berges-2026");
        var card = await chat.WaitForProactiveCardAsync();

        Assert.Contains("Je regarde le thème « éclairage »", Assert.Single(replies).Text, StringComparison.Ordinal);
        var texts = StaffInsightsChat.Texts(card);
        Assert.Equal("Thème : Éclairage et sécurité", texts[0]);
        var quotes = texts.Where(t => t.StartsWith('“')).ToList();
        Assert.NotEmpty(quotes);
        Assert.Contains(texts, t => t.Contains("réponse ", StringComparison.Ordinal));
        AssertNoPii(card.GetRawText());

        await AssertValidCardAsync("theme-fr", card);
    }

    [Fact]
    public async Task A_citizen_asking_for_a_summary_is_refused_and_nothing_is_computed()
    {
        var chat = new StaffInsightsChat(Client, Channel, "0d6f1e2a-1111-4c4c-8888-123456789abc");

        var (_, replies) = await chat.SayAsync("summary");

        var refusal = Assert.Single(replies);
        Assert.Equal(DialogTexts.Get(DialogTexts.StaffOnly, "en"), refusal.Text);
        var (_, again) = await chat.SayAsync("résumé berges-2026");
        Assert.Equal(DialogTexts.Get(DialogTexts.StaffOnly, "en"), Assert.Single(again).Text);
        Assert.DoesNotContain(Channel.SentActivities, a => a.Conversation?.Id == chat.ConversationId && a.ReplyToId is null);
    }

    [Fact]
    public async Task Bad_filters_get_a_clear_answer_at_once()
    {
        var chat = new StaffInsightsChat(Client, Channel, StaffObjectId);

        var (_, badDate) = await chat.SayAsync("summary since last-week");
        var (_, unknown) = await chat.SayAsync("summary nowhere-2030");
        var (_, question) = await chat.SayAsync("summary berges-2026 question frequency");

        Assert.Contains("I did not understand «last-week»", Assert.Single(badDate).Text, StringComparison.Ordinal);
        Assert.Contains("No consultation or project is named «nowhere-2030». Known: parc-des-berges, berges-2026", Assert.Single(unknown).Text, StringComparison.Ordinal);
        Assert.Contains("No question «frequency»", Assert.Single(question).Text, StringComparison.Ordinal);
        Assert.Contains("comments", question[0].Text, StringComparison.Ordinal);
    }

    /// <summary>Each quote (“…”) is followed by "response &lt;id&gt;" and is, placeholders aside, a part of that response's comment.</summary>
    private async Task AssertQuotesComeFromTheirResponsesAsync(List<string> texts)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var responses = scope.ServiceProvider.GetRequiredService<EngagementBot.Storage.IResponseStore>();
        var checkedQuotes = 0;
        for (var i = 0; i + 1 < texts.Count; i++)
        {
            if (!texts[i].StartsWith('“') || !texts[i + 1].StartsWith("response ", StringComparison.Ordinal))
            {
                continue;
            }

            var response = await responses.GetAsync(texts[i + 1]["response ".Length..], CancellationToken.None);
            Assert.NotNull(response);
            var comment = Assert.IsType<EngagementBot.Storage.Domain.TextAnswer>(response.AnswerTo("comments")).Text;
            foreach (var part in System.Text.RegularExpressions.Regex.Split(texts[i].Trim('“', '”'), @"\[[A-Z_]+\]"))
            {
                Assert.Contains(part.Trim().TrimEnd('…'), comment, StringComparison.Ordinal);
            }

            checkedQuotes++;
        }

        Assert.True(checkedQuotes >= 5, $"expected quotes with response ids, found {checkedQuotes}");
    }

    private static async Task AssertValidCardAsync(string name, JsonElement card)
    {
        var folder = Path.Combine(Path.GetTempPath(), "engagementbot-insights-cards", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), card.GetRawText());
            var (exitCode, output) = await AdaptiveCardsValidator.ValidateFolderAsync(folder);
            Assert.True(exitCode == 0, output);
            Assert.Contains("1 card(s), 0 failed", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertNoPii(string text)
    {
        foreach (var pii in FeedbackSeed.Feedback.SelectMany(f => f.Pii))
        {
            Assert.False(text.Contains(pii, StringComparison.Ordinal), $"Personal data «{pii}» leaked");
            var encoded = JsonSerializer.Serialize(pii)[1..^1];
            Assert.False(text.Contains(encoded, StringComparison.Ordinal), $"Personal data «{pii}» leaked (JSON-escaped)");
        }
    }

    private async Task AssertProblemAsync(Uri url, HttpStatusCode status, string reason)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await Activities.ProblemDetailAsync(response), StringComparison.OrdinalIgnoreCase);
    }
}
