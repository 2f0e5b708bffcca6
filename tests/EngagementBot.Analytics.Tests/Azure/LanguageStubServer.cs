// LanguageStubServer — a real HTTP server (Kestrel on 127.0.0.1:<dynamic>) that answers like Azure AI Language
// 2024-11-01: POST /language/:analyze-text (LanguageDetection, SentimentAnalysis, KeyPhraseExtraction,
// PiiEntityRecognition) and the analyze-text job lifecycle (POST jobs → 202 + Operation-Location, GET job →
// notStarted/running/succeeded, POST jobs/{id}:cancel). The real service cannot run on this machine, so this fake
// replays the documented request/response shapes; its "analysis" is deliberately trivial (word lists, regexes) —
// the tests check what the provider sends and how it reads answers, not the quality of the service.
//
//   await using var stub = await LanguageStubServer.StartAsync();
//   stub.Enqueue(StubReply.Status(429, ...).WithHeader("Retry-After", "1"));   // next request(s), FIFO
//   stub.Responder = r => r.Kind == "PiiEntityRecognition" ? ... : null;       // consulted first
//   stub.Requests                                                                // everything received
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>One request as received.</summary>
public sealed record StubRequest(int Sequence, string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>The JSON body, or null.</summary>
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The analysis kind of an analyze-text request.</summary>
    public string? Kind => Path.EndsWith("/:analyze-text", StringComparison.Ordinal) ? Json?["kind"]?.GetValue<string>() : null;

    /// <summary>The documents of the request (sync or job).</summary>
    public JsonArray Documents => Json?["analysisInput"]?["documents"]?.AsArray() ?? [];

    /// <summary>A header (case-insensitive), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>A scripted answer.</summary>
public sealed record StubReply(int Status, string? Body, IReadOnlyDictionary<string, string> Headers)
{
    public static StubReply Json(int status, JsonNode body) => new(status, body.ToJsonString(), new Dictionary<string, string>());

    public static StubReply Error(int status, string code, string message, string? innerCode = null) =>
        Json(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innererror"] = innerCode is null ? null : new JsonObject { ["code"] = innerCode, ["message"] = message },
            },
        });

    public StubReply WithHeader(string name, string value) => this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };
}

/// <summary>The fake service. See the comment at the top of the file.</summary>
public sealed partial class LanguageStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubReply> _script = new();
    private readonly ConcurrentDictionary<string, StubJob> _jobs = new();
    private readonly List<StubRequest> _requests = [];
    private readonly Lock _gate = new();
    private int _sequence;

    private LanguageStubServer(WebApplication app) => _app = app;

    /// <summary>Base URL, without a trailing slash.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>Consulted first; null falls through to the script, then to the default answers.</summary>
    public Func<StubRequest, StubReply?>? Responder { get; set; }

    /// <summary>Polls answered "running" before a job succeeds.</summary>
    public int RunningPolls { get; set; } = 1;

    /// <summary>Retry-After (seconds) sent with job polls that are not finished, or null.</summary>
    public int? PollRetryAfterSeconds { get; set; }

    public IReadOnlyList<StubRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public IReadOnlyList<StubRequest> AnalyzeTextRequests => Requests.Where(r => r.Kind is not null).ToList();

    public static async Task<LanguageStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new LanguageStubServer(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        stub.Endpoint = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return stub;
    }

    public void Enqueue(params StubReply[] replies)
    {
        foreach (var r in replies)
        {
            _script.Enqueue(r);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        StubRequest request;
        lock (_gate)
        {
            request = new StubRequest(
                ++_sequence,
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                DateTimeOffset.UtcNow);
            _requests.Add(request);
        }

        var reply = Responder?.Invoke(request) ?? (_script.TryDequeue(out var scripted) ? scripted : Default(request));
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        }
    }

    private StubReply Default(StubRequest request)
    {
        if (request.Query.GetValueOrDefault("api-version") is not { Length: > 0 })
        {
            return StubReply.Error(400, "InvalidRequest", "Missing api-version.");
        }

        if (request.Method == "POST" && request.Path == "/language/:analyze-text")
        {
            return Analyze(request);
        }

        if (request.Method == "POST" && request.Path == "/language/analyze-text/jobs")
        {
            var id = Guid.NewGuid().ToString();
            _jobs[id] = new StubJob(request.Json!.AsObject());
            return new StubReply(202, null, new Dictionary<string, string>
            {
                ["Operation-Location"] = $"{Endpoint}/language/analyze-text/jobs/{id}?api-version={request.Query["api-version"]}",
            });
        }

        var cancel = CancelPath().Match(request.Path);
        if (request.Method == "POST" && cancel.Success && _jobs.TryGetValue(cancel.Groups[1].Value, out var cancelled))
        {
            cancelled.Cancelled = true;
            return new StubReply(202, null, new Dictionary<string, string>());
        }

        var job = JobPath().Match(request.Path);
        if (request.Method == "GET" && job.Success && _jobs.TryGetValue(job.Groups[1].Value, out var state))
        {
            return JobState(job.Groups[1].Value, state);
        }

        return StubReply.Error(404, "NotFound", $"No route for {request.Method} {request.Path}.");
    }

    private StubReply JobState(string id, StubJob job)
    {
        job.Polls++;
        var status = job.Cancelled ? "cancelled" : job.Polls <= RunningPolls ? (job.Polls == 1 ? "notStarted" : "running") : "succeeded";
        var state = new JsonObject
        {
            ["jobId"] = id,
            ["createdDateTime"] = "2026-11-22T04:00:00Z",
            ["lastUpdatedDateTime"] = "2026-11-22T04:00:01Z",
            ["status"] = status,
            ["errors"] = new JsonArray(),
            ["tasks"] = new JsonObject
            {
                ["completed"] = status == "succeeded" ? 1 : 0,
                ["failed"] = 0,
                ["inProgress"] = status == "succeeded" ? 0 : 1,
                ["total"] = 1,
                ["items"] = status == "succeeded" ? new JsonArray(SummaryTask(job.Input)) : new JsonArray(),
            },
        };
        var reply = StubReply.Json(200, state);
        return status != "succeeded" && PollRetryAfterSeconds is { } seconds ? reply.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)) : reply;
    }

    /// <summary>ExtractiveSummarizationLROResults: the longest sentences rank highest, sentenceCount kept, sorted by rank.</summary>
    public static JsonObject SummaryTask(JsonObject input)
    {
        var task = input["tasks"]![0]!;
        var count = task["parameters"]?["sentenceCount"]?.GetValue<int>() ?? 3;
        var documents = new JsonArray();
        foreach (var doc in input["analysisInput"]!["documents"]!.AsArray())
        {
            var text = doc!["text"]!.GetValue<string>();
            var sentences = Sentences(text).OrderByDescending(s => s.Length).Take(count).ToList();
            var longest = Math.Max(1, sentences.Count == 0 ? 1 : sentences[0].Length);
            var array = new JsonArray();
            foreach (var (offset, length) in sentences)
            {
                array.Add(new JsonObject { ["text"] = text.Substring(offset, length), ["rankScore"] = Math.Round((double)length / longest, 3), ["offset"] = offset, ["length"] = length });
            }

            documents.Add(new JsonObject { ["id"] = doc["id"]!.GetValue<string>(), ["sentences"] = array, ["warnings"] = new JsonArray() });
        }

        return new JsonObject
        {
            ["kind"] = "ExtractiveSummarizationLROResults",
            ["taskName"] = task["taskName"]?.GetValue<string>(),
            ["lastUpdateDateTime"] = "2026-11-22T04:00:02Z",
            ["status"] = "succeeded",
            ["results"] = new JsonObject { ["documents"] = documents, ["errors"] = new JsonArray(), ["modelVersion"] = "2024-11-01" },
        };
    }

    private static StubReply Analyze(StubRequest request)
    {
        var kind = request.Kind;
        var documents = new JsonArray();
        foreach (var doc in request.Documents)
        {
            var id = doc!["id"]!.GetValue<string>();
            var text = doc["text"]!.GetValue<string>();
            JsonObject result = kind switch
            {
                "LanguageDetection" => new JsonObject
                {
                    ["id"] = id,
                    ["detectedLanguage"] = French().IsMatch(text)
                        ? new JsonObject { ["name"] = "French", ["iso6391Name"] = "fr", ["confidenceScore"] = 0.97 }
                        : new JsonObject { ["name"] = "English", ["iso6391Name"] = "en", ["confidenceScore"] = 0.95 },
                },
                "SentimentAnalysis" => Sentiment(id, text),
                "KeyPhraseExtraction" => new JsonObject
                {
                    ["id"] = id,
                    ["keyPhrases"] = new JsonArray(LongWord().Matches(text).Select(m => (JsonNode)JsonValue.Create(m.Value)!).ToArray()),
                },
                "PiiEntityRecognition" => Pii(id, text),
                _ => throw new InvalidOperationException($"kind {kind}"),
            };
            result["warnings"] = new JsonArray();
            documents.Add(result);
        }

        return StubReply.Json(200, new JsonObject
        {
            ["kind"] = kind + "Results",
            ["results"] = new JsonObject { ["documents"] = documents, ["errors"] = new JsonArray(), ["modelVersion"] = "2024-11-01" },
        });
    }

    private static JsonObject Sentiment(string id, string text)
    {
        var sentences = new JsonArray();
        var labels = new HashSet<string>();
        foreach (var (offset, length) in Sentences(text))
        {
            var s = text.Substring(offset, length);
            var label = Positive().IsMatch(s) ? "positive" : Negative().IsMatch(s) ? "negative" : "neutral";
            labels.Add(label);
            sentences.Add(new JsonObject
            {
                ["sentiment"] = label,
                ["confidenceScores"] = Scores(label),
                ["offset"] = offset,
                ["length"] = length,
                ["text"] = s,
                ["targets"] = new JsonArray(),
                ["assessments"] = new JsonArray(),
            });
        }

        var overall = labels.Contains("positive") && labels.Contains("negative") ? "mixed" : labels.Contains("positive") ? "positive" : labels.Contains("negative") ? "negative" : "neutral";
        return new JsonObject { ["id"] = id, ["sentiment"] = overall, ["confidenceScores"] = Scores(overall), ["sentences"] = sentences };
    }

    private static JsonObject Scores(string label) => label switch
    {
        "positive" => new JsonObject { ["positive"] = 0.9, ["neutral"] = 0.08, ["negative"] = 0.02 },
        "negative" => new JsonObject { ["positive"] = 0.03, ["neutral"] = 0.07, ["negative"] = 0.9 },
        "mixed" => new JsonObject { ["positive"] = 0.45, ["neutral"] = 0.1, ["negative"] = 0.45 },
        _ => new JsonObject { ["positive"] = 0.1, ["neutral"] = 0.8, ["negative"] = 0.1 },
    };

    private static JsonObject Pii(string id, string text)
    {
        var entities = new JsonArray();
        var redacted = text.ToCharArray();
        foreach (var (regex, category) in new[] { (Email(), "Email"), (Phone(), "PhoneNumber") })
        {
            foreach (Match m in regex.Matches(text))
            {
                entities.Add(new JsonObject { ["text"] = m.Value, ["category"] = category, ["offset"] = m.Index, ["length"] = m.Length, ["confidenceScore"] = 0.8 });
                Array.Fill(redacted, '*', m.Index, m.Length);
            }
        }

        return new JsonObject { ["id"] = id, ["redactedText"] = new string(redacted), ["entities"] = entities };
    }

    /// <summary>Sentence spans (UTF-16) of a text: runs ending with . ! ? before white space, or a new line, leading white space excluded.</summary>
    public static List<(int Offset, int Length)> Sentences(string text) =>
        SentenceRun().Matches(text).Where(m => m.Value.Trim().Length > 0).Select(m =>
        {
            var lead = m.Value.Length - m.Value.TrimStart().Length;
            return (m.Index + lead, m.Value.Trim().Length);
        }).ToList();

    [GeneratedRegex(@"[^\n]+?(?:[.!?]+(?=\s|\z)|(?=\n)|\z)")]
    private static partial Regex SentenceRun();

    [GeneratedRegex(@"\b(good|great|bien|super|love|merci)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Positive();

    [GeneratedRegex(@"\b(bad|terrible|mauvais|dangereux|hate)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    [GeneratedRegex(@"\b(le|la|les|est|des|une|pour)\b", RegexOptions.IgnoreCase)]
    private static partial Regex French();

    [GeneratedRegex(@"\b\p{L}{8,}\b")]
    private static partial Regex LongWord();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{3}-\d{3}-\d{4}\b")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^/language/analyze-text/jobs/([^/:]+):cancel$")]
    private static partial Regex CancelPath();

    [GeneratedRegex(@"^/language/analyze-text/jobs/([^/:]+)$")]
    private static partial Regex JobPath();

    private sealed class StubJob(JsonObject input)
    {
        public JsonObject Input { get; } = input;

        public int Polls { get; set; }

        public bool Cancelled { get; set; }
    }
}
