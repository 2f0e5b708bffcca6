using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// The Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>), headless, as a Teams-shaped
/// client of a bot: it sends <c>msteams</c> activities (tenant, aadObjectId) to the bot's <c>/api/messages</c>
/// without authentication and hosts the connector the bot replies to. Bound to 127.0.0.1 by a preloaded script.
/// Driven through its REST API; the bot's replies are read from its WebSocket stream.
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentQueue<JsonObject> _botMessages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _output = new();
    private Task _reader = Task.CompletedTask;

    private AgentsPlayground(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    /// <summary>The personal (1:1) chat's conversation id.</summary>
    public string PersonalChatId { get; private set; } = string.Empty;

    /// <summary>Messages the bot sent, as the playground shows them (text, from, …), in arrival order.</summary>
    public IReadOnlyList<JsonObject> BotMessages => [.. _botMessages];

    public static async Task<AgentsPlayground> StartAsync(string botMessagesEndpoint)
    {
        var tools = Path.Combine(BotLocations.EndToEndProjectDirectory);
        var cli = Path.Combine(tools, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"The Agents Playground is not installed ({cli}). Run ./test.sh, which runs npm ci in {tools}.");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-r", "./tools/loopback.js", cli, "start", "-e", botMessagesEndpoint, "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--su", $"http://127.0.0.1:{port}/_connector", "--dt"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var playground = new AgentsPlayground(process, port);
        process.OutputDataReceived += (_, e) => playground.Record(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await playground.WaitUntilReadyAsync();
        return playground;
    }

    /// <summary>What Teams sends when a user installs the app in a personal scope: installationUpdate, then conversationUpdate (bot added).</summary>
    public async Task InstallAsync()
    {
        foreach (var type in (string[])["install", "botAdded"])
        {
            var template = await Http.GetFromJsonAsync<JsonObject>($"_internal/v1/customActivities/template?conversationId={PersonalChatId}&type={type}")
                ?? throw new InvalidOperationException("No activity template.");
            await SendCustomActivityAsync(template);
        }
    }

    /// <summary>The user types a message in the personal chat.</summary>
    public async Task SayAsync(string text)
    {
        using var response = await Http.PostAsJsonAsync($"_conversation/v1/conversations/{PersonalChatId}/messages", new { from = new { id = "user-id-0" }, text, textFormat = "plain" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A message in the personal chat with a chosen locale (e.g. a French-speaking Teams client).</summary>
    public async Task SayWithLocaleAsync(string text, string locale)
    {
        var activity = await Http.GetFromJsonAsync<JsonObject>($"_internal/v1/customActivities/template?conversationId={PersonalChatId}&type=install")
            ?? throw new InvalidOperationException("No activity template.");
        activity["type"] = "message";
        activity.Remove("action");
        activity["id"] = Guid.NewGuid().ToString();
        activity["text"] = text;
        activity["locale"] = locale;
        activity["textFormat"] = "plain";
        await SendCustomActivityAsync(activity);
    }

    public async Task<JsonObject> WaitForBotMessageAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var found = _botMessages.FirstOrDefault(m => match(m["text"]?.GetValue<string>() ?? string.Empty));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No matching bot message. Seen: {string.Join(" | ", _botMessages.Select(m => m["text"]))}\nPlayground output:\n{_output}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
        _stop.Dispose();
    }

    private async Task SendCustomActivityAsync(JsonObject activity)
    {
        using var response = await Http.PostAsJsonAsync("_internal/v1/customActivities", activity);
        response.EnsureSuccessStatusCode();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var config = await Http.GetFromJsonAsync<JsonObject>("_internal/v1/config");
                PersonalChatId = config!["config"]!["personalChat"]!["id"]!.GetValue<string>();
                break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(200);
            }
        }

        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/_ws_conversation/v1/conversations/stream"), _stop.Token);
        _reader = ReadStreamAsync(_stop.Token);
    }

    private async Task ReadStreamAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!cancellationToken.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)) as JsonObject;
            message.SetLength(0);
            if (frame?["action"]?.GetValue<string>() == "createMessage" && frame["message"] is JsonObject created)
            {
                _botMessages.Enqueue(created);
            }
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
