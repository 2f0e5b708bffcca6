using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// What a Teams client does with the bot's Adaptive Cards, through the Agents Playground: finds the card the bot
/// sent, and "clicks" an action as Teams would — an <c>Action.Submit</c> becomes a message activity whose
/// <c>value</c> is the action's <c>data</c> merged with the card's input values (a multi-select choice set gives its
/// values joined by commas), with no text; an <c>Action.Execute</c> becomes an <c>adaptiveCard/action</c> invoke.
/// </summary>
internal static class AgentsPlaygroundCards
{
    /// <summary>Waits for an Adaptive Card among the bot's messages after the first <paramref name="after"/>, whose text contains <paramref name="fragment"/>.</summary>
    public static async Task<JsonObject> WaitForCardAsync(this AgentsPlayground teams, string fragment, int after, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in teams.BotMessages.Skip(after))
            {
                foreach (var attachment in message["attachments"]?.AsArray() ?? [])
                {
                    if (attachment?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
                        && attachment["content"] is JsonObject card
                        && (card["body"]?.AsArray() ?? []).Any(e => e?["text"]?.GetValue<string>()?.Contains(fragment, StringComparison.Ordinal) == true))
                    {
                        return card;
                    }
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No card containing «{fragment}». Seen: {string.Join(" | ", teams.BotMessages.Select(m => m.ToJsonString()))}");
    }

    /// <summary>The <c>value</c> Teams sends when the user picks <paramref name="choices"/> in the card's choice set (if any) and clicks <paramref name="button"/>.</summary>
    public static JsonObject ValueFor(JsonObject card, string button, params string[] choices)
    {
        var action = (card["actions"]?.AsArray() ?? []).OfType<JsonObject>().SingleOrDefault(a => a["title"]?.GetValue<string>() == button)
            ?? throw new InvalidOperationException($"The card has no action «{button}»: {card.ToJsonString()}");
        Assert.Equal("Action.Submit", action["type"]?.GetValue<string>());
        var value = action["data"] is JsonObject data ? (JsonObject)data.DeepClone() : [];
        foreach (var input in (card["body"]?.AsArray() ?? []).OfType<JsonObject>().Where(e => e["type"]?.GetValue<string>() == "Input.ChoiceSet"))
        {
            var offered = input["choices"]!.AsArray().OfType<JsonObject>().ToDictionary(c => c["title"]!.GetValue<string>(), c => c["value"]!.GetValue<string>(), StringComparer.Ordinal);
            var picked = choices.Select(c => offered.TryGetValue(c, out var v) ? v : throw new InvalidOperationException($"No choice «{c}» in {input.ToJsonString()}")).ToList();
            Assert.True(picked.Count <= 1 || input["isMultiSelect"]?.GetValue<bool>() == true, "Several choices in a single-select choice set.");
            value[input["id"]!.GetValue<string>()] = string.Join(",", picked);
        }

        return value;
    }

    /// <summary>An <c>Action.Submit</c> click: a message with <paramref name="value"/> and no text.</summary>
    public static Task SubmitAsync(this AgentsPlayground teams, JsonObject value, string locale) =>
        SendAsync(teams, locale, activity =>
        {
            activity["type"] = "message";
            activity["value"] = value;
        });

    /// <summary>An <c>Action.Execute</c> click: an <c>adaptiveCard/action</c> invoke carrying <paramref name="data"/>.</summary>
    public static Task InvokeActionAsync(this AgentsPlayground teams, string verb, JsonObject data, string locale) =>
        SendAsync(teams, locale, activity =>
        {
            activity["type"] = "invoke";
            activity["name"] = "adaptiveCard/action";
            activity["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            };
        });

    private static async Task SendAsync(AgentsPlayground teams, string locale, Action<JsonObject> shape)
    {
        var activity = await teams.Http.GetFromJsonAsync<JsonObject>($"_internal/v1/customActivities/template?conversationId={teams.PersonalChatId}&type=install")
            ?? throw new InvalidOperationException("No activity template.");
        activity.Remove("action");
        activity.Remove("text");
        activity["id"] = Guid.NewGuid().ToString();
        activity["locale"] = locale;
        shape(activity);
        using var response = await teams.Http.PostAsJsonAsync("_internal/v1/customActivities", activity);
        response.EnsureSuccessStatusCode();
    }
}
