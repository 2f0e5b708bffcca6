// FaultInjectingConnector — a loopback Bot Connector (POST /v3/conversations/{id}/activities only) for fan-out tests
// and the outbox benchmark. It answers a share of requests with faults, picked per (conversation, attempt) by a
// seeded hash so a run is reproducible:
//   429 with Retry-After: 1 · 503 · a "timeout" (held longer than the client waits, never accepted) ·
//   403 MessageWritesBlocked for the conversations listed in Blocked.
// A message counts as delivered only when the connector answered 2xx to a client still waiting (Accepted); every
// request is logged with its arrival time and answer so Retry-After can be checked.
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>What the fault connector answered to one request.</summary>
public enum FaultAnswer
{
    Accepted,
    TooManyRequests,
    ServiceUnavailable,
    Timeout,
    Blocked,

    /// <summary>Answered 2xx after the client had given up (not counted as delivered).</summary>
    Abandoned,
}

/// <summary>One request the fault connector received.</summary>
public sealed record FaultRequest(string ConversationId, int Attempt, DateTimeOffset ReceivedAt, FaultAnswer Answer, string Body);

/// <summary>A loopback connector that injects faults; see the comment at the top of the file.</summary>
public sealed class FaultInjectingConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FaultRequest> _log = new();
    private int _acceptedTotal;

    private FaultInjectingConnector(WebApplication app) => _app = app;

    /// <summary>Base URL for conversation references' service URL, ending with '/'.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Share of requests answered with a fault (split 45% 429, 45% 503, 10% timeout).</summary>
    public double FaultRate { get; init; }

    /// <summary>How long a "timeout" request is held (longer than the client's attempt timeout).</summary>
    public TimeSpan TimeoutHold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Real time spent on each accepted request (to make a dispatch last long enough to be interrupted).</summary>
    public TimeSpan AcceptDelay { get; init; }

    /// <summary>Seed of the fault choice.</summary>
    public int Seed { get; init; } = 6;

    /// <summary>Whether requests are logged (off for the benchmark).</summary>
    public bool KeepLog { get; init; } = true;

    /// <summary>Conversations whose user blocked the bot (403 MessageWritesBlocked).</summary>
    public IReadOnlySet<string> Blocked { get; init; } = new HashSet<string>();

    /// <summary>Messages accepted (2xx), all conversations.</summary>
    public int AcceptedTotal => Volatile.Read(ref _acceptedTotal);

    /// <summary>Messages accepted per conversation.</summary>
    public IReadOnlyDictionary<string, int> AcceptedByConversation => _accepted;

    /// <summary>Every request, in arrival order (when <see cref="KeepLog"/>).</summary>
    public IReadOnlyList<FaultRequest> Log => _log.ToList();

    public static async Task<FaultInjectingConnector> StartAsync(
        double faultRate = 0, IReadOnlySet<string>? blocked = null, TimeSpan? acceptDelay = null, bool keepLog = true, TimeSpan? timeoutHold = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FaultInjectingConnector(app)
        {
            FaultRate = faultRate,
            Blocked = blocked ?? new HashSet<string>(),
            AcceptDelay = acceptDelay ?? TimeSpan.Zero,
            KeepLog = keepLog,
            TimeoutHold = timeoutHold ?? TimeSpan.FromSeconds(2),
        };
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        // /v3/conversations/{id}/activities
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Method != HttpMethods.Post || segments.Length != 4 || segments[0] != "v3" || segments[1] != "conversations" || segments[3] != "activities")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var conversationId = Uri.UnescapeDataString(segments[2]);
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var attempt = _attempts.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        var answer = Blocked.Contains(conversationId) ? FaultAnswer.Blocked : Choose(conversationId, attempt);
        var receivedAt = DateTimeOffset.UtcNow;
        switch (answer)
        {
            case FaultAnswer.Blocked:
                await WriteErrorAsync(context, HttpStatusCode.Forbidden, "MessageWritesBlocked");
                break;
            case FaultAnswer.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                await WriteErrorAsync(context, HttpStatusCode.TooManyRequests, "TooManyRequests");
                break;
            case FaultAnswer.ServiceUnavailable:
                await WriteErrorAsync(context, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
                break;
            case FaultAnswer.Timeout:
                try
                {
                    await Task.Delay(TimeoutHold, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                context.Abort();
                break;
            default:
                if (AcceptDelay > TimeSpan.Zero)
                {
                    await Task.Delay(AcceptDelay);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($"{{\"id\":\"{conversationId}-{attempt}\"}}");
                await context.Response.CompleteAsync();

                // Delivered = answered 2xx to a client still waiting. A client that already gave up (its own timeout,
                // e.g. on a starved machine) will retry: that one is logged as Abandoned and not counted.
                if (context.RequestAborted.IsCancellationRequested)
                {
                    answer = FaultAnswer.Abandoned;
                    break;
                }

                _accepted.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
                Interlocked.Increment(ref _acceptedTotal);
                break;
        }

        if (KeepLog)
        {
            _log.Enqueue(new FaultRequest(conversationId, attempt, receivedAt, answer, body));
        }
    }

    private FaultAnswer Choose(string conversationId, int attempt)
    {
        if (FaultRate <= 0)
        {
            return FaultAnswer.Accepted;
        }

        var roll = Mix(((ulong)Fnv1a(conversationId) << 32) ^ ((ulong)attempt << 8) ^ (ulong)Seed) / (double)ulong.MaxValue;
        if (roll >= FaultRate)
        {
            return FaultAnswer.Accepted;
        }

        var share = roll / FaultRate;
        return share < 0.45 ? FaultAnswer.TooManyRequests : share < 0.9 ? FaultAnswer.ServiceUnavailable : FaultAnswer.Timeout;
    }

    // SplitMix64 finaliser: neighbouring inputs give unrelated rolls.
    private static ulong Mix(ulong x)
    {
        x = unchecked((x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94d049bb133111ebUL);
        return x ^ (x >> 31);
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }

    private static async Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string code)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"error\":{{\"code\":\"{code}\",\"message\":\"{code}\"}}}}");
    }
}
