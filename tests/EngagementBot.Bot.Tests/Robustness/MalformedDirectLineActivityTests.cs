using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace EngagementBot.Bot.Tests.Robustness;

/// <summary>
/// The same generated broken payloads, posted by a Web Chat client to the embedded Direct Line: never a 5xx,
/// every one a 4xx with a reason, and the conversation still works afterwards.
/// </summary>
public sealed class MalformedDirectLineActivityTests : IAsyncLifetime
{
    private const int PayloadCount = 10_000;
    private BotApplicationFactory _bot = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _bot = new BotApplicationFactory(new() { ["Logging:LogLevel:Default"] = "None", ["DirectLine:Enabled"] = "true" });
        _client = new HttpClient { BaseAddress = _bot.BaseAddress };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_broken_activities_each_get_a_4xx_with_a_reason()
    {
        using var start = await _client.PostAsync("/v3/directline/conversations", null);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var conversation = await start.Content.ReadFromJsonAsync<JsonObject>();
        var conversationId = conversation!["conversationId"]!.GetValue<string>();
        var token = conversation["token"]!.GetValue<string>();
        var path = $"/v3/directline/conversations/{conversationId}/activities";
        var template = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = "dl_user-1", ["name"] = "Camille" },
            ["text"] = "aide",
            ["locale"] = "fr-CA",
            ["channelData"] = new JsonObject { ["clientActivityID"] = "client-1" },
        };
        var payloads = Gen.Sample(MalformedPayloads.For(template), PayloadCount * 4, new Rnd(20261123UL), 30)
            .Where(p => !IsAcceptable(p))
            .Take(PayloadCount)
            .Append(MalformedPayloads.Oversized(template))
            .ToList();
        Assert.True(payloads.Count > PayloadCount, $"only {payloads.Count} bad payloads were generated");

        var failures = new List<string>();
        await Parallel.ForEachAsync(payloads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (payload, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(payload.Body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(payload.ContentType);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(ct);
            if (status is < 400 or > 499 || !MalformedPayloads.HasProblemReason(body))
            {
                lock (failures)
                {
                    failures.Add($"{status} for {payload}\n  -> {body}");
                }
            }
        });

        Assert.True(failures.Count == 0, $"{failures.Count} payloads were not answered with a 4xx and a reason:\n{string.Join("\n", failures.Take(10))}");

        using var valid = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(template) };
        valid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var accepted = await _client.SendAsync(valid);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }


    /// <summary>The oracle: what the Direct Line accepts (a JSON activity with a type and a sender), whatever the damage.</summary>
    private static bool IsAcceptable(MalformedPayload payload)
    {
        var text = Encoding.UTF8.GetString(payload.Body);
        if (text.Length > 256 * 1024)
        {
            return false;
        }

        try
        {
            var activity = JsonSerializer.Deserialize(text, BotJsonContext.Default.Activity);
            return activity is not null && !string.IsNullOrWhiteSpace(activity.Type) && !string.IsNullOrWhiteSpace(activity.From?.Id) && activity.From.Id.Length <= 256;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return false;
        }
    }
}
