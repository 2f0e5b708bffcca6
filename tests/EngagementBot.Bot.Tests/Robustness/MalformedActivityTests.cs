using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using EngagementBot.Bot.Endpoints;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace EngagementBot.Bot.Tests.Robustness;

/// <summary>
/// Thousands of generated broken payloads against the real endpoint: never a 5xx, never a crash, every
/// one a 4xx with a problem+json reason — and the bot still answers normally afterwards.
/// </summary>
public sealed class MalformedActivityTests : BotWithChannelTests
{
    private const int PayloadCount = 10_000;

    protected override Dictionary<string, string?> Settings => new() { ["Logging:LogLevel:Default"] = "None" };

    [Fact]
    public async Task Ten_thousand_broken_activities_each_get_a_4xx_with_a_reason()
    {
        var template = JsonNode.Parse(BotJson.Serialize(Activities.Message(Channel.ServiceUrl, "help")))!.AsObject();
        var payloads = Gen.Sample(MalformedPayloads.For(template), PayloadCount * 2, new Rnd(20261122UL), 30)
            .Where(p => !IsAcceptable(p))
            .Take(PayloadCount)
            .Append(MalformedPayloads.Oversized(template))
            .ToList();
        Assert.True(payloads.Count > PayloadCount, $"only {payloads.Count} bad payloads were generated");

        var failures = new List<string>();
        var kinds = new Dictionary<string, int>();
        await Parallel.ForEachAsync(payloads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (payload, ct) =>
        {
            using var content = new ByteArrayContent(payload.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(payload.ContentType);
            using var response = await Client.PostAsync(BotMessagesEndpoint.Route, content, ct);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(ct);
            lock (kinds)
            {
                kinds[payload.Kind] = kinds.GetValueOrDefault(payload.Kind) + 1;
                if (status is < 400 or > 499 || !MalformedPayloads.HasProblemReason(body))
                {
                    failures.Add($"{status} for {payload}\n  -> {body}");
                }
            }
        });

        Assert.True(failures.Count == 0, $"{failures.Count} payloads were not answered with a 4xx and a reason:\n{string.Join("\n", failures.Take(10))}");
        Assert.True(kinds.Count >= 9, "every kind of damage is exercised: " + string.Join(", ", kinds.Keys));

        using var health = await Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var stillWorks = await Activities.PostAsync(Client, Activities.Message(Channel.ServiceUrl, "help"));
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        await Channel.WaitForMessageAsync("Here is what I can do");
    }


    /// <summary>The oracle: a mutation that happens to leave a valid activity is not a bad payload.</summary>
    private static bool IsAcceptable(MalformedPayload payload)
    {
        if (!payload.ContentType.StartsWith("application/json", StringComparison.Ordinal) || payload.Body.Length > BotMessagesEndpoint.MaxActivityBytes)
        {
            return false;
        }

        try
        {
            var activity = JsonSerializer.Deserialize(payload.Body, BotJsonContext.Default.Activity);
            return activity is not null && ActivityRequestRules.Validate(activity) is null && ActivityRequestRules.IsLoopback(activity.ServiceUrl!);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return false;
        }
    }
}
