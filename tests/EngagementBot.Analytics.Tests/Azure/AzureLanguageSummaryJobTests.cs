using System.Text.Json.Nodes;
using EngagementBot.Analytics.Azure;
using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>Extractive summarization as an analyze-text job: submit, poll, page, cancel; citations from offsets.</summary>
public sealed class AzureLanguageSummaryJobTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly TextDocument[] Comments =
    [
        new("r1", "The new splash pad is a wonderful place for the children of the whole neighbourhood. Thanks.", "en"),
        new("r2", "Lighting along the river path is too weak at night.", "en"),
        new("r3", "Please keep the dog park open later in the evening during summer weekends.", "en"),
    ];

    [Fact]
    public async Task The_job_is_submitted_polled_until_it_succeeds_and_sentences_cite_their_comments()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.RunningPolls = 2;

        var summary = await AzureTestAnalyzer.Create(stub).SummarizeAsync(Comments, new SummaryOptions { MaxSentences = 2, RedactSentences = false }, None);

        var requests = stub.Requests;
        Assert.Equal(["POST", "GET", "GET", "GET"], requests.Select(r => r.Method));
        var submit = requests[0];
        Assert.Equal("/language/analyze-text/jobs", submit.Path);
        Assert.Equal("2024-11-01", submit.Query["api-version"]);
        Assert.Equal(AzureTestAnalyzer.Key, submit.Header("Ocp-Apim-Subscription-Key"));
        var task = submit.Json!["tasks"]![0]!;
        Assert.Equal("ExtractiveSummarization", task["kind"]!.GetValue<string>());
        Assert.Equal(2, task["parameters"]!["sentenceCount"]!.GetValue<int>());
        Assert.Equal("Rank", task["parameters"]!["sortBy"]!.GetValue<string>());
        Assert.Equal("Utf16CodeUnit", task["parameters"]!["stringIndexType"]!.GetValue<string>());
        var document = Assert.Single(submit.Documents)!;
        Assert.Equal("en", document["language"]!.GetValue<string>());
        Assert.All(Comments, c => Assert.Contains(c.Text, document["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(requests.Skip(1), r => Assert.Equal(submit.Path + "/" + r.Path.Split('/')[^1], r.Path));

        Assert.Equal(2, summary.Sentences.Count);
        Assert.Equal("The new splash pad is a wonderful place for the children of the whole neighbourhood.", summary.Sentences[0].Text);
        Assert.Equal(["r1"], summary.Sentences[0].DocumentIds);
        Assert.Equal(["r3"], summary.Sentences[1].DocumentIds);
        Assert.True(summary.Sentences[0].RankScore >= summary.Sentences[1].RankScore);
    }

    [Fact]
    public async Task Polls_honour_retry_after()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.RunningPolls = 1;
        stub.PollRetryAfterSeconds = 1;

        await AzureTestAnalyzer.Create(stub).SummarizeAsync(Comments, new SummaryOptions { RedactSentences = false }, None);

        var polls = stub.Requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(2, polls.Count);
        Assert.True(polls[1].ReceivedAt - polls[0].ReceivedAt >= TimeSpan.FromMilliseconds(900), "the second poll must wait for Retry-After");
    }

    [Fact]
    public async Task Cancelling_stops_polling_and_cancels_the_job_on_the_service()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.RunningPolls = int.MaxValue;
        using var cancellation = new CancellationTokenSource();
        stub.Responder = r =>
        {
            if (r.Method == "GET" && stub.Requests.Count(q => q.Method == "GET") >= 2)
            {
                cancellation.Cancel();
            }

            return null;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AzureTestAnalyzer.Create(stub).SummarizeAsync(Comments, new SummaryOptions(), cancellation.Token));

        var requests = stub.Requests;
        var cancel = requests[^1];
        Assert.Equal("POST", cancel.Method);
        var jobId = requests[1].Path.Split('/')[^1];
        Assert.Equal($"/language/analyze-text/jobs/{jobId}:cancel", cancel.Path);
        Assert.Equal("2024-11-01", cancel.Query["api-version"]);
        Assert.Equal(2, requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task Result_pages_are_followed_through_next_link()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = r =>
        {
            if (r.Method != "GET")
            {
                return null;
            }

            // Split the finished job's sentences over two pages, as the service does with top/skip and nextLink.
            var input = stub.Requests.First(q => q.Method == "POST").Json!.AsObject();
            var task = LanguageStubServer.SummaryTask(input);
            var sentences = task["results"]!["documents"]![0]!["sentences"]!.AsArray();
            var second = r.Query.ContainsKey("skip");
            var keep = sentences.Where((_, i) => second ? i % 2 == 1 : i % 2 == 0).Select(s => s!.DeepClone()).ToArray();
            task["results"]!["documents"]![0]!["sentences"] = new JsonArray(keep);
            var page = new JsonObject
            {
                ["jobId"] = "j",
                ["status"] = "succeeded",
                ["errors"] = new JsonArray(),
                ["tasks"] = new JsonObject { ["completed"] = 1, ["failed"] = 0, ["inProgress"] = 0, ["total"] = 1, ["items"] = new JsonArray(task) },
            };
            if (!second)
            {
                page["nextLink"] = $"{stub.Endpoint}{r.Path}?api-version=2024-11-01&top=1&skip=1";
            }

            return StubReply.Json(200, page);
        };

        var summary = await AzureTestAnalyzer.Create(stub).SummarizeAsync(Comments, new SummaryOptions { MaxSentences = 3, RedactSentences = false }, None);

        var gets = stub.Requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(2, gets.Count);
        Assert.Equal("1", gets[1].Query["skip"]);
        Assert.Equal(3, summary.Sentences.Count);
        Assert.Equal(["r1", "r2", "r3"], summary.Sentences.SelectMany(s => s.DocumentIds).Order());
    }

    [Fact]
    public async Task A_failed_job_reports_the_service_errors()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.Responder = r => r.Method == "GET"
            ? StubReply.Json(200, JsonNode.Parse("""{"jobId":"j","status":"failed","errors":[{"code":"InvalidArgument","message":"Job task parameter value sentenceCount is not supported."}],"tasks":{"completed":0,"failed":1,"inProgress":0,"total":1,"items":[]}}""")!)
            : null;

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() => AzureTestAnalyzer.Create(stub).SummarizeAsync(Comments, new SummaryOptions(), None));

        Assert.Contains("failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("sentenceCount is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_sentences_are_redacted_through_the_service_by_default()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        TextDocument[] comments = [new("m1", "You can write to me at camille.roy@example.org about the splash pad schedule.", "en"), new("m2", "Short one.", "en")];

        var summary = await AzureTestAnalyzer.Create(stub).SummarizeAsync(comments, new SummaryOptions { MaxSentences = 1 }, None);

        Assert.Equal("PiiEntityRecognition", stub.AnalyzeTextRequests.Single().Kind);
        var sentence = Assert.Single(summary.Sentences);
        Assert.Equal("You can write to me at [EMAIL] about the splash pad schedule.", sentence.Text);
        Assert.Equal(["m1"], sentence.DocumentIds);
    }

    [Fact]
    public async Task Comments_are_grouped_by_language_one_job_each()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        TextDocument[] comments = [.. Comments, new("f1", "Le nouveau parc à chiens est vraiment apprécié par les familles du quartier.", "fr")];

        var summary = await AzureTestAnalyzer.Create(stub).SummarizeAsync(comments, new SummaryOptions { MaxSentences = 5, RedactSentences = false }, None);

        var submits = stub.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(["en", "fr"], submits.Select(s => s.Documents.Single()!["language"]!.GetValue<string>()));
        Assert.Contains(summary.Sentences, s => s.DocumentIds.SequenceEqual(["f1"]));
    }

    [Fact]
    public async Task A_job_running_past_its_timeout_is_cancelled_and_reported()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        stub.RunningPolls = int.MaxValue;

        var error = await Assert.ThrowsAsync<AzureLanguageException>(() =>
            AzureTestAnalyzer.Create(stub, o => o.JobTimeout = TimeSpan.FromMilliseconds(50)).SummarizeAsync(Comments, new SummaryOptions(), None));

        Assert.Equal("JobTimeout", error.ErrorCode);
        Assert.Contains("TextAnalytics:AzureLanguage:JobTimeout", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(":cancel", stub.Requests[^1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_poll_is_retried_and_the_job_still_completes()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var throttled = false;
        stub.Responder = r =>
        {
            if (r.Method == "GET" && !throttled)
            {
                throttled = true;
                return StubReply.Error(429, "429", "Rate limit is exceeded.").WithHeader("retry-after-ms", "10");
            }

            return null;
        };

        var summary = await AzureTestAnalyzer.Create(stub).SummarizeAsync(Comments, new SummaryOptions { RedactSentences = false }, None);

        Assert.Equal(["POST", "GET", "GET", "GET"], stub.Requests.Select(r => r.Method));
        Assert.NotEmpty(summary.Sentences);
    }
}
