using System.Text.Json.Nodes;
using EngagementBot.Analytics.Azure;
using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>Per-document errors, throttling, quota, bad requests and server errors.</summary>
public sealed class AzureLanguageErrorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly TextDocument[] Docs = [new("a", "Great park.", "en"), new("b", "Bad lights.", "en"), new("c", "Good trees.", "en")];

    [Fact]
    public async Task A_rejected_document_is_reported_by_our_id_with_the_service_message_and_the_others_are_kept()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = request =>
        {
            if (request.Kind != "SentimentAnalysis")
            {
                return null;
            }

            // Answer the documents normally except wire id "1", which is rejected as the service documents it.
            var documents = new JsonArray();
            foreach (var doc in request.Documents.Where(d => d!["id"]!.GetValue<string>() != "1"))
            {
                documents.Add(new JsonObject
                {
                    ["id"] = doc!["id"]!.GetValue<string>(),
                    ["sentiment"] = "positive",
                    ["confidenceScores"] = new JsonObject { ["positive"] = 0.9, ["neutral"] = 0.05, ["negative"] = 0.05 },
                    ["sentences"] = new JsonArray(),
                    ["warnings"] = new JsonArray(),
                });
            }

            var errors = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["error"] = new JsonObject
                {
                    ["code"] = "InvalidArgument",
                    ["message"] = "Invalid Language Code.",
                    ["innererror"] = new JsonObject { ["code"] = "UnsupportedLanguageCode", ["message"] = "Invalid language code. Supported languages: ..." },
                },
            });
            return StubReply.Json(200, new JsonObject
            {
                ["kind"] = "SentimentAnalysisResults",
                ["results"] = new JsonObject { ["documents"] = documents, ["errors"] = errors, ["modelVersion"] = "2024-11-01" },
            });
        };

        var error = await Assert.ThrowsAsync<AzureLanguageDocumentException>(() => AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None));

        var rejected = Assert.Single(error.Errors);
        Assert.Equal("b", rejected.DocumentId);
        Assert.Equal("UnsupportedLanguageCode", rejected.Code);
        Assert.Contains("Invalid Language Code.", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        var partial = Assert.IsAssignableFrom<IReadOnlyList<DocumentSentiment>>(error.PartialResults);
        Assert.Equal(["a", "c"], partial.Select(p => p.Id));
    }

    [Fact]
    public async Task A_document_missing_from_the_answer_is_an_error_not_a_silent_gap()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = request => request.Kind == "KeyPhraseExtraction"
            ? StubReply.Json(200, JsonNode.Parse("""{"kind":"KeyPhraseExtractionResults","results":{"documents":[{"id":"0","keyPhrases":["park"],"warnings":[]}],"errors":[],"modelVersion":"2024-11-01"}}""")!)
            : null;

        var error = await Assert.ThrowsAsync<AzureLanguageDocumentException>(() => AzureTestAnalyzer.Create(stub).ExtractKeyPhrasesAsync(Docs, None));

        Assert.Equal(["b", "c"], error.Errors.Select(e => e.DocumentId));
        Assert.All(error.Errors, e => Assert.Equal("MissingResult", e.Code));
    }

    [Fact]
    public async Task Throttling_waits_for_retry_after_then_retries()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Enqueue(StubReply.Error(429, "429", "Rate limit is exceeded. Try again in 1 seconds.").WithHeader("Retry-After", "1"));

        var results = await AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None);

        var requests = stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900), "the retry must wait for Retry-After");
        Assert.Equal(3, results.Count);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_ends_with_a_429_error()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = _ => StubReply.Error(429, "429", "Rate limit is exceeded.").WithHeader("retry-after-ms", "1");

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => AzureTestAnalyzer.Create(stub, o => o.MaxRetries = 2).AnalyzeSentimentAsync(Docs, None));

        Assert.Equal(429, error.Status);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_is_not_waited_for()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Enqueue(StubReply.Error(429, "429", "Rate limit is exceeded.").WithHeader("Retry-After", "3600"));

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None));

        Assert.Equal(429, error.Status);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Exhausted_quota_is_a_typed_error_after_exactly_one_request()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = _ => StubReply.Error(403, "403", "Out of call volume quota for TextAnalytics F0 pricing tier. Please retry after 15 days. To increase your call volume switch to a paid tier.");

        var error = await Assert.ThrowsAsync<AzureLanguageQuotaExceededException>(() => AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None));

        Assert.Single(stub.Requests);
        Assert.Equal(403, error.Status);
        Assert.Contains("Out of call volume quota", error.Message, StringComparison.Ordinal);
        Assert.Contains("TextAnalytics:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_403_is_an_access_error_not_a_quota_error()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = _ => StubReply.Error(403, "PermissionDenied", "Principal does not have access to API/Operation.");

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None));

        Assert.IsNotType<AzureLanguageQuotaExceededException>(error);
        Assert.Single(stub.Requests);
        Assert.Contains("Cognitive Services", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_request_carries_the_service_message_and_is_not_retried()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = _ => StubReply.Error(400, "InvalidRequest", "Invalid document in request.", innerCode: "InvalidDocumentBatch");

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None));

        Assert.Single(stub.Requests);
        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidDocumentBatch", error.ErrorCode);
        Assert.Contains("Invalid document in request.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_a_few_times()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Enqueue(StubReply.Error(503, "ServiceUnavailable", "Try later."), StubReply.Error(500, "InternalServerError", "Oops."));

        var results = await AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None);

        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(SentimentLabel.Positive, results[0].Sentiment);
    }

    [Fact]
    public async Task Server_errors_past_the_retries_end_with_the_last_status()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = _ => StubReply.Error(502, "BadGateway", "Upstream failed.");

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => AzureTestAnalyzer.Create(stub, o => o.MaxRetries = 1).AnalyzeSentimentAsync(Docs, None));

        Assert.Equal(502, error.Status);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_key_says_which_setting_to_check()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = _ => StubReply.Error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint.");

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync(Docs, None));

        Assert.Equal(401, error.Status);
        Assert.Contains("TextAnalytics:AzureLanguage:ApiKey", error.Message, StringComparison.Ordinal);
    }
}
