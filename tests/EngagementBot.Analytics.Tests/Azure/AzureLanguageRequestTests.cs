using System.Text.Json.Nodes;
using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>What the Azure AI Language provider sends (shape, auth, batching per kind) and how it reads the answers.</summary>
public sealed class AzureLanguageRequestTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Sentiment_request_has_the_documented_shape_and_results_keep_input_order()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var analyzer = AzureTestAnalyzer.Create(stub);
        TextDocument[] docs =
        [
            new("r-2", "The splash pad is great. The parking is terrible.", "en"),
            new("r-1", "Les jeux d'eau sont super!", "fr-CA"),
        ];

        var results = await analyzer.AnalyzeSentimentAsync(docs, None);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal("2024-11-01", request.Query["api-version"]);
        Assert.Equal(AzureTestAnalyzer.Key, request.Header("Ocp-Apim-Subscription-Key"));
        Assert.Null(request.Header("Authorization"));
        var json = request.Json!;
        Assert.Equal("SentimentAnalysis", json["kind"]!.GetValue<string>());
        Assert.True(json["parameters"]!["opinionMining"]!.GetValue<bool>());
        Assert.Equal("Utf16CodeUnit", json["parameters"]!["stringIndexType"]!.GetValue<string>());
        var sent = request.Documents.Select(d => (d!["id"]!.GetValue<string>(), d["language"]!.GetValue<string>(), d["text"]!.GetValue<string>())).ToList();
        Assert.Equal([("0", "en", docs[0].Text), ("1", "fr", docs[1].Text)], sent);

        Assert.Equal(["r-2", "r-1"], results.Select(r => r.Id));
        Assert.Equal(SentimentLabel.Mixed, results[0].Sentiment);
        Assert.Equal(SentimentLabel.Positive, results[1].Sentiment);
        Assert.Equal([SentimentLabel.Positive, SentimentLabel.Negative], results[0].Sentences.Select(s => s.Sentiment));
        foreach (var s in results[0].Sentences)
        {
            Assert.Equal(docs[0].Text.Substring(s.Offset, s.Length), s.Text);
        }

        Assert.Equal(0.9, results[1].Scores.Positive, 3);
    }

    [Fact]
    public async Task Twenty_three_sentiment_documents_take_three_requests_of_at_most_ten()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var docs = Enumerable.Range(0, 23).Select(i => new TextDocument($"d{i}", $"Comment {i} is good.", "en")).ToList();

        var results = await AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(docs, None);

        Assert.Equal([10, 10, 3], stub.AnalyzeTextRequests.Select(r => r.Documents.Count));
        Assert.All(stub.AnalyzeTextRequests, r => Assert.Equal("SentimentAnalysis", r.Kind));
        Assert.Equal(docs.Select(d => d.Id), results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(SentimentLabel.Positive, r.Sentiment));
    }

    [Fact]
    public async Task Key_phrases_go_ten_per_request()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var docs = Enumerable.Range(0, 11).Select(i => new TextDocument($"k{i}", $"Neighbourhood lighting number {i}", "en")).ToList();

        var results = await AzureTestAnalyzer.Create(stub).ExtractKeyPhrasesAsync(docs, None);

        Assert.Equal([10, 1], stub.AnalyzeTextRequests.Select(r => r.Documents.Count));
        Assert.All(stub.AnalyzeTextRequests, r => Assert.Equal("KeyPhraseExtraction", r.Kind));
        Assert.All(results, r => Assert.Equal(["neighbourhood", "lighting"], r.KeyPhrases));
    }

    [Fact]
    public async Task Pii_goes_five_per_request_and_is_redacted_with_our_placeholders()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var docs = Enumerable.Range(0, 12).Select(i => new TextDocument($"p{i}", $"Write to me{i}@example.org or call 514-555-01{i:00}.", "en")).ToList();

        var results = await AzureTestAnalyzer.Create(stub).RecognizePiiAsync(docs, None);

        var requests = stub.AnalyzeTextRequests;
        Assert.Equal([5, 5, 2], requests.Select(r => r.Documents.Count));
        var parameters = requests[0].Json!["parameters"]!;
        Assert.Equal("PiiEntityRecognition", requests[0].Kind);
        Assert.Equal("none", parameters["domain"]!.GetValue<string>());
        Assert.Equal("Utf16CodeUnit", parameters["stringIndexType"]!.GetValue<string>());
        Assert.Contains("CASocialInsuranceNumber", parameters["piiCategories"]!.AsArray().Select(c => c!.GetValue<string>()));
        var third = results[3];
        Assert.Equal([PiiCategory.Email, PiiCategory.PhoneNumber], third.Entities.Select(e => e.Category));
        Assert.Equal("me3@example.org", third.Entities[0].Text);
        Assert.Equal("Write to [EMAIL] or call [PHONE].", third.RedactedText);
    }

    [Fact]
    public async Task Language_detection_sends_up_to_a_thousand_documents_per_request_without_a_language()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var docs = Enumerable.Range(0, 1001).Select(i => new TextDocument($"l{i}", i % 2 == 0 ? "Le parc est beau" : "The park is nice")).ToList();

        var results = await AzureTestAnalyzer.Create(stub).DetectLanguageAsync(docs, None);

        Assert.Equal([1000, 1], stub.AnalyzeTextRequests.Select(r => r.Documents.Count));
        Assert.All(stub.AnalyzeTextRequests, r => Assert.All(r.Documents, d => Assert.Null(d!["language"])));
        Assert.Equal("fr", results[0].Language);
        Assert.Equal("en", results[1].Language);
        Assert.Equal(0.97, results[1000].Confidence, 3);
    }

    [Fact]
    public async Task A_document_without_a_hint_is_sent_with_its_detected_language_and_a_blank_one_is_not_sent()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        TextDocument[] docs = [new("a", "Les jeux d'eau pour les enfants sont super."), new("b", "   ")];

        var results = await AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(docs, None);

        Assert.Equal(["LanguageDetection", "SentimentAnalysis"], stub.AnalyzeTextRequests.Select(r => r.Kind));
        var sentiment = stub.AnalyzeTextRequests[1];
        var only = Assert.Single(sentiment.Documents);
        Assert.Equal("fr", only!["language"]!.GetValue<string>());
        Assert.Equal(SentimentLabel.Positive, results[0].Sentiment);
        Assert.Equal(SentimentLabel.Neutral, results[1].Sentiment);
        Assert.Empty(results[1].Sentences);
    }

    [Fact]
    public async Task The_configured_api_version_is_sent()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var analyzer = AzureTestAnalyzer.Create(stub, o => o.ApiVersion = "2025-05-15-preview");

        await analyzer.ExtractKeyPhrasesAsync([new TextDocument("x", "Streetlights", "en")], None);

        Assert.Equal("2025-05-15-preview", Assert.Single(stub.Requests).Query["api-version"]);
    }

    [Fact]
    public async Task Duplicate_ids_are_refused_before_any_request()
    {
        await using var stub = await LanguageStubServer.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync([new TextDocument("same", "a", "en"), new TextDocument("same", "b", "en")], None));

        Assert.Contains("'same'", error.Message, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    internal static JsonArray Ids(params string[] ids) => new(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
}
