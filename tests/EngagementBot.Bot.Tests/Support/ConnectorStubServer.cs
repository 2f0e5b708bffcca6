// ConnectorStubServer — a real Bot Connector v3 endpoint on 127.0.0.1 for tests and benchmarks.
//
// Usage:
//   await using var stub = await ConnectorStubServer.StartAsync();           // Kestrel on 127.0.0.1:<dynamic>
//   trustedServiceUrls.Trust(stub.ServiceUrl);                                // when the bot has an app id
//   stub.Enqueue(StubResponse.TooManyRequests(TimeSpan.FromSeconds(1)));      // script the NEXT request(s), FIFO…
//   stub.Enqueue(StubResponse.ServiceUnavailable());
//   stub.Enqueue(StubResponse.MessageWritesBlocked());                        // 403 {error:{code:"MessageWritesBlocked"}}
//   stub.Enqueue(StubResponse.Default.After(TimeSpan.FromSeconds(5)));        // normal answer, but late (timeouts)
//   stub.Responder = request => request.ConversationId == "blocked" ? StubResponse.MessageWritesBlocked() : null;
//   await client.SendToConversationAsync(stub.ServiceUrl, "conv-1", activity, ct);
//   var sent = Assert.Single(stub.Requests);        // Method, RawTarget, Path, Query, Headers, Body, ReceivedAt,
//   Assert.Equal(StubOperation.SendToConversation, sent.Operation);   // Operation, ConversationId, ActivityId…
//   stub.SentActivities                              // activities posted (send/reply/update), deserialized
//   await stub.WaitForRequestsAsync(2);              // until at least 2 requests arrived (bounded wait)
//
// Without a script the stub answers like a connector: POST activities -> 200 {id:"activity-N"}, PUT -> 200 {id},
// DELETE -> 200, POST /v3/conversations -> 200 {id:"conversation-N", activityId, serviceUrl}, GET members ->
// Members (editable), GET members/{id} -> the member or 404, GET pagedmembers -> pages (pageSize,
// continuationToken). Anything else -> 404 ErrorResponse. A service URL path prefix (e.g. "/amer/") is
// accepted. ReceivedAt comes from the TimeProvider given to StartAsync (a manual one makes waits checkable).
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>The Connector v3 operation a request addressed.</summary>
public enum StubOperation
{
    Unknown,
    CreateConversation,
    SendToConversation,
    ReplyToActivity,
    UpdateActivity,
    DeleteActivity,
    GetConversationMembers,
    GetConversationMember,
    GetConversationPagedMembers,
}

/// <summary>One request the stub received, as it arrived.</summary>
public sealed record RecordedRequest(
    int Sequence,
    string Method,
    string RawTarget,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt,
    StubOperation Operation,
    string? ConversationId,
    string? ActivityId,
    string? MemberId)
{
    /// <summary>A header value (case-insensitive name), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body as an activity (send, reply, update).</summary>
    public Activity? Activity => Body.Length == 0 ? null : JsonSerializer.Deserialize(Body, BotJsonContext.Default.Activity);
}

/// <summary>A scripted answer. A null <see cref="StatusCode"/> means "answer as the connector normally would".</summary>
public sealed record StubResponse
{
    /// <summary>The normal answer of the route.</summary>
    public static StubResponse Default { get; } = new();

    public int? StatusCode { get; init; }

    public string? Body { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Real time the stub waits before answering (ends early when the client gives up).</summary>
    public TimeSpan Delay { get; init; }

    public StubResponse After(TimeSpan delay) => this with { Delay = delay };

    public static StubResponse Status(HttpStatusCode status, string? body = null) => new() { StatusCode = (int)status, Body = body };

    public static StubResponse Json(HttpStatusCode status, string json) => Status(status, json);

    public static StubResponse Error(HttpStatusCode status, string code, string message) =>
        Status(status, JsonSerializer.Serialize(new ErrorResponse { Error = new Error { Code = code, Message = message } }, BotJsonContext.Default.ErrorResponse));

    /// <summary>429 with <c>Retry-After: &lt;seconds&gt;</c>.</summary>
    public static StubResponse TooManyRequests(TimeSpan retryAfter) =>
        Error(HttpStatusCode.TooManyRequests, "TooManyRequests", "Slow down") with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = ((long)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture) },
        };

    /// <summary>429 with <c>Retry-After: &lt;HTTP-date&gt;</c>.</summary>
    public static StubResponse TooManyRequestsUntil(DateTimeOffset retryAt) =>
        Error(HttpStatusCode.TooManyRequests, "TooManyRequests", "Slow down") with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAt.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture) },
        };

    public static StubResponse ServiceUnavailable() => Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Try again later");

    /// <summary>403 <c>MessageWritesBlocked</c>: the user blocked the bot.</summary>
    public static StubResponse MessageWritesBlocked() => Error(HttpStatusCode.Forbidden, "MessageWritesBlocked", "The user blocked the bot");
}

/// <summary>A real Kestrel server on loopback implementing the Bot Connector v3 routes the bot uses. See the usage comment at the top of the file.</summary>
public sealed class ConnectorStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<StubResponse> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();
    private int _sequence;

    private ConnectorStubServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>Base URL to use as the activity's <c>serviceUrl</c>, ending with '/'.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Members returned by the members routes.</summary>
    public List<ChannelAccount> Members { get; } =
    [
        new ChannelAccount { Id = "29:user-1", Name = "Camille", AadObjectId = "aad-1" },
        new ChannelAccount { Id = "29:user-2", Name = "Sam", AadObjectId = "aad-2" },
        new ChannelAccount { Id = "28:bot", Name = "EngagementBot" },
    ];

    /// <summary>Consulted first for each request; return null to fall through to the script and the defaults.</summary>
    public Func<RecordedRequest, StubResponse?>? Responder { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Activities received by send, reply and update, in arrival order.</summary>
    public IReadOnlyList<Activity> SentActivities => Requests
        .Where(r => r.Operation is StubOperation.SendToConversation or StubOperation.ReplyToActivity or StubOperation.UpdateActivity)
        .Select(r => r.Activity)
        .OfType<Activity>()
        .ToList();

    public static async Task<ConnectorStubServer> StartAsync(TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new ConnectorStubServer(app, clock ?? TimeProvider.System);
        app.Run(stub.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.ServiceUrl = address.TrimEnd('/') + "/";
        return stub;
    }

    /// <summary>Scripts the next request(s): each enqueued answer is used once, in order, then the defaults resume.</summary>
    public void Enqueue(params StubResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <summary>Forgets recorded requests and pending script entries.</summary>
    public void Reset()
    {
        _script.Clear();
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Waits (real time, bounded) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var requests = Requests;
            if (requests.Count >= count)
            {
                return requests;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The connector stub received {requests.Count} request(s), expected {count}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits (real time, bounded) until the bot sent an activity matching <paramref name="match"/>.</summary>
    public async Task<Activity> WaitForActivityAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var sent = SentActivities;
            var found = sent.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No matching activity arrived. Received: {string.Join(" | ", sent.Select(a => $"{a.Type}:{a.Text}"))}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the first message (not typing) whose text contains <paramref name="fragment"/>.</summary>
    public Task<Activity> WaitForMessageAsync(string fragment, TimeSpan? timeout = null) =>
        WaitForActivityAsync(a => a.IsType(ActivityTypes.Message) && a.Text?.Contains(fragment, StringComparison.OrdinalIgnoreCase) == true, timeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var recorded = await RecordAsync(context);
        var response = Responder?.Invoke(recorded) ?? (_script.TryDequeue(out var scripted) ? scripted : StubResponse.Default);
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var (status, body) = response.StatusCode is { } scriptedStatus ? (scriptedStatus, response.Body) : DefaultAnswer(recorded);
        context.Response.StatusCode = status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var rawPath = rawTarget.Split('?', 2)[0];
        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var (operation, conversationId, activityId, memberId) = Route(request.Method, segments);

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);

        lock (_gate)
        {
            var recorded = new RecordedRequest(
                ++_sequence, request.Method, rawTarget, rawPath, query, headers, body, _clock.GetUtcNow(), operation, conversationId, activityId, memberId);
            _requests.Add(recorded);
            return recorded;
        }
    }

    /// <summary>Matches decoded path segments (after any prefix before "v3") to a Connector operation.</summary>
    private static (StubOperation Operation, string? ConversationId, string? ActivityId, string? MemberId) Route(string method, string[] segments)
    {
        var start = Array.IndexOf(segments, "v3");
        if (start < 0 || segments.Length <= start + 1 || segments[start + 1] != "conversations")
        {
            return (StubOperation.Unknown, null, null, null);
        }

        var rest = segments[(start + 2)..];
        return (method, rest) switch
        {
            ("POST", []) => (StubOperation.CreateConversation, null, null, null),
            ("POST", [var c, "activities"]) => (StubOperation.SendToConversation, c, null, null),
            ("POST", [var c, "activities", var a]) => (StubOperation.ReplyToActivity, c, a, null),
            ("PUT", [var c, "activities", var a]) => (StubOperation.UpdateActivity, c, a, null),
            ("DELETE", [var c, "activities", var a]) => (StubOperation.DeleteActivity, c, a, null),
            ("GET", [var c, "members"]) => (StubOperation.GetConversationMembers, c, null, null),
            ("GET", [var c, "members", var m]) => (StubOperation.GetConversationMember, c, null, m),
            ("GET", [var c, "pagedmembers"]) => (StubOperation.GetConversationPagedMembers, c, null, null),
            _ => (StubOperation.Unknown, null, null, null),
        };
    }

    private (int Status, string? Body) DefaultAnswer(RecordedRequest request)
    {
        switch (request.Operation)
        {
            case StubOperation.SendToConversation:
            case StubOperation.ReplyToActivity:
                return (200, Serialize(new ResourceResponse($"activity-{request.Sequence}"), BotJsonContext.Default.ResourceResponse));
            case StubOperation.UpdateActivity:
                return (200, Serialize(new ResourceResponse(request.ActivityId), BotJsonContext.Default.ResourceResponse));
            case StubOperation.DeleteActivity:
                return (200, null);
            case StubOperation.CreateConversation:
                return (200, Serialize(
                    new ConversationResourceResponse { Id = $"conversation-{request.Sequence}", ActivityId = $"activity-{request.Sequence}", ServiceUrl = ServiceUrl },
                    BotJsonContext.Default.ConversationResourceResponse));
            case StubOperation.GetConversationMembers:
                return (200, Serialize(Members.ToList(), BotJsonContext.Default.ListChannelAccount));
            case StubOperation.GetConversationMember:
                var member = Members.FirstOrDefault(m => m.Id == request.MemberId);
                return member is null
                    ? (404, ErrorBody("MemberNotFound", "No such member"))
                    : (200, Serialize(member, BotJsonContext.Default.ChannelAccount));
            case StubOperation.GetConversationPagedMembers:
                return (200, Serialize(Page(request), BotJsonContext.Default.PagedMembersResult));
            default:
                return (404, ErrorBody("NotFound", $"No route for {request.Method} {request.Path}"));
        }
    }

    /// <summary>Pages over <see cref="Members"/>; the continuation token is the next index, opaque to clients.</summary>
    private PagedMembersResult Page(RecordedRequest request)
    {
        var pageSize = request.Query.TryGetValue("pageSize", out var size) ? int.Parse(size, CultureInfo.InvariantCulture) : 2;
        var start = request.Query.TryGetValue("continuationToken", out var token) ? int.Parse(token.Split(':')[1], CultureInfo.InvariantCulture) : 0;
        var members = Members.Skip(start).Take(pageSize).ToList();
        var next = start + members.Count;
        return new PagedMembersResult { Members = members, ContinuationToken = next < Members.Count ? $"page:{next}" : null };
    }

    private static string ErrorBody(string code, string message) =>
        Serialize(new ErrorResponse { Error = new Error { Code = code, Message = message } }, BotJsonContext.Default.ErrorResponse);

    private static string Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);
}
