using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EngagementBot.Bot.DirectLine;
using EngagementBot.Bot.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.Tests.DirectLine;

/// <summary>A real Kestrel server on 127.0.0.1 (dynamic port) with only the embedded Direct Line mapped.</summary>
internal sealed class DirectLineTestHost : IAsyncDisposable
{
    private DirectLineTestHost(WebApplication app, string origin)
    {
        App = app;
        Origin = origin;
        Http = new HttpClient { BaseAddress = new Uri(origin) };
    }

    public WebApplication App { get; }

    public string Origin { get; }

    public HttpClient Http { get; }

    public ManualTimeProvider Time => (ManualTimeProvider)App.Services.GetRequiredService<TimeProvider>();

    public ReplyingTestProcessor Processor => (ReplyingTestProcessor)App.Services.GetRequiredService<IActivityProcessor>();

    public static async Task<DirectLineTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DirectLine:Enabled"] = "true" });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        builder.Services.AddSingleton<IActivityProcessor, ReplyingTestProcessor>();
        builder.Services.AddEmbeddedDirectLine(builder.Configuration);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapEmbeddedDirectLine();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DirectLineTestHost(app, address);
    }

    /// <summary>Generates a token (optionally bound to a user) and starts its conversation.</summary>
    public async Task<StartedConversation> StartConversationAsync(string? userId = "user-1", string? locale = null)
    {
        using var generate = await Http.PostAsJsonAsync("/v3/directline/tokens/generate", new { user = userId is null ? null : new { id = userId } });
        generate.EnsureSuccessStatusCode();
        var token = (await generate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations")
        {
            Content = JsonContent.Create(new { locale }),
        };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await Http.SendAsync(start);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        return new StartedConversation(body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!, body.GetProperty("streamUrl").GetString()!);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    /// <summary>Posts a user message the way Web Chat does (from.role user, channelData.clientActivityID).</summary>
    public Task<HttpResponseMessage> PostMessageAsync(StartedConversation conversation, string text, string clientActivityId, string userId = "user-1") =>
        SendAsync(
            HttpMethod.Post,
            $"/v3/directline/conversations/{conversation.Id}/activities",
            conversation.Token,
            JsonSerializer.Serialize(new
            {
                type = "message",
                text,
                from = new { id = userId, role = "user" },
                locale = "en-US",
                channelData = new { clientActivityID = clientActivityId, clientTimestamp = "2026-03-01T09:00:00.000Z" },
            }));

    public static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        return socket;
    }

    /// <summary>Reads stream frames (skipping empty keep-alives) until <paramref name="until"/> matches an activity.</summary>
    public static async Task<List<JsonElement>> ReadUntilAsync(ClientWebSocket socket, Func<JsonElement, bool> until, List<string>? watermarks = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The stream closed before the expected activity arrived.");
            }

            if (message.Length == 0)
            {
                continue;
            }

            var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            watermarks?.Add(frame.GetProperty("watermark").GetString()!);
            foreach (var activity in frame.GetProperty("activities").EnumerateArray())
            {
                seen.Add(activity);
                if (until(activity))
                {
                    return seen;
                }
            }
        }
    }

    /// <summary>The text of an activity, or null when it has none (typing indicators).</summary>
    public static string? TextOf(JsonElement activity) =>
        activity.TryGetProperty("text", out var text) ? text.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>A started conversation: id, conversation token and stream URL.</summary>
internal sealed record StartedConversation(string Id, string Token, string StreamUrl);
