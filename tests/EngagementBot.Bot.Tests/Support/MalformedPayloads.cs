using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>One generated request body, with the content type it is sent as and what kind of damage it has.</summary>
public sealed record MalformedPayload(string Kind, byte[] Body, string ContentType)
{
    public override string ToString() => $"{Kind}: {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";
}

/// <summary>
/// FsCheck generators of broken activities: random bytes, truncated and bit-flipped JSON, JSON of the
/// wrong shape, activities missing a required field or with a field of the wrong type, absurd nesting,
/// wrong content types and oversized bodies. <paramref name="validActivity"/> is the well-formed template
/// the damage is applied to (so generated bodies look like what channels really send).
/// </summary>
public static class MalformedPayloads
{
    private static readonly string[] RequiredFields = ["type", "channelId", "serviceUrl", "conversation"];

    private static readonly (string Field, JsonNode? Value)[] WrongTypes =
    [
        ("type", 5), ("type", new JsonArray()), ("channelId", true), ("from", "user"), ("conversation", 42),
        ("timestamp", "not a date"), ("timestamp", 12), ("membersAdded", "everyone"), ("entities", new JsonObject()),
        ("attachments", "file"), ("suggestedActions", new JsonArray()), ("historyDisclosed", "yes"), ("text", new JsonObject()),
        ("recipient", new JsonArray(1, 2)), ("listenFor", "x"), ("textHighlights", 3), ("expiration", "soon"),
        ("localTimestamp", "2026-13-45T99:99:99"), ("serviceUrl", 7), ("conversation", new JsonObject { ["id"] = 5 }),
        ("from", new JsonObject { ["id"] = new JsonArray() }), ("relatesTo", "x"), ("semanticAction", 1), ("reactionsAdded", true),
    ];

    public static Gen<MalformedPayload> For(JsonObject validActivity)
    {
        var template = validActivity.ToJsonString();
        return Gen.Frequency(
            (3, RandomBytes()),
            (3, Truncated(template)),
            (3, Mutated(template)),
            (2, WrongShape()),
            (3, MissingRequired(validActivity)),
            (3, WrongType(validActivity)),
            (1, DeepNesting()),
            (1, WrongContentType(template)),
            (1, BadServiceUrl(validActivity)));
    }

    /// <summary>True when an error response is problem+json with a non-empty <c>detail</c>: the reason.</summary>
    public static bool HasProblemReason(string body)
    {
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 };
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>A body bigger than the 256 KB limit.</summary>
    public static MalformedPayload Oversized(JsonObject validActivity)
    {
        var copy = (JsonObject)validActivity.DeepClone();
        copy["text"] = new string('é', 140_000);
        return new MalformedPayload("oversized", Encoding.UTF8.GetBytes(copy.ToJsonString()), "application/json");
    }

    private static Gen<MalformedPayload> RandomBytes() =>
        from length in Gen.Choose(0, 400)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select new MalformedPayload("random-bytes", bytes, "application/json");

    private static Gen<MalformedPayload> Truncated(string template) =>
        from cut in Gen.Choose(0, template.Length - 2)
        select new MalformedPayload("truncated", Encoding.UTF8.GetBytes(template[..cut]), "application/json");

    private static Gen<MalformedPayload> Mutated(string template) =>
        from position in Gen.Choose(0, template.Length - 1)
        from replacement in Gen.Elements('{', '}', '[', ']', '"', ',', ':', '\\', '\0', 'x', '\u00ff')
        select new MalformedPayload("mutated", Encoding.UTF8.GetBytes(template[..position] + replacement + template[(position + 1)..]), "application/json");

    private static Gen<MalformedPayload> WrongShape() =>
        from body in Gen.Elements("[]", "[{}]", "42", "\"message\"", "true", "{}", "{\"type\":null}", "{\"activities\":[]}", "{\"type\":\"message\",\"channelId\":\"\"}", "   ", "{\"a\":1}{\"b\":2}", "{\"type\":\"message\",}")
        select new MalformedPayload("wrong-shape", Encoding.UTF8.GetBytes(body), "application/json");

    private static Gen<MalformedPayload> MissingRequired(JsonObject template) =>
        from field in Gen.Elements(RequiredFields)
        from blank in Gen.Elements(true, false)
        select Build("missing-" + field, template, copy =>
        {
            if (blank && field != "conversation")
            {
                copy[field] = "  ";
            }
            else if (field == "conversation" && blank)
            {
                copy[field] = new JsonObject { ["name"] = "no id" };
            }
            else
            {
                copy.Remove(field);
            }
        });

    private static Gen<MalformedPayload> WrongType(JsonObject template) =>
        from wrong in Gen.Elements(WrongTypes)
        select Build("wrong-type-" + wrong.Field, template, copy => copy[wrong.Field] = wrong.Value?.DeepClone());

    private static Gen<MalformedPayload> DeepNesting() =>
        from depth in Gen.Choose(65, 3000)
        select new MalformedPayload("deep-nesting", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"value\":" + new string('[', depth) + new string(']', depth) + "}"), "application/json");

    private static Gen<MalformedPayload> WrongContentType(string template) =>
        from contentType in Gen.Elements("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", "image/png")
        select new MalformedPayload("content-type", Encoding.UTF8.GetBytes(template), contentType);

    private static Gen<MalformedPayload> BadServiceUrl(JsonObject template) =>
        from url in Gen.Elements("not a url", "ftp://127.0.0.1/", "javascript:alert(1)", "/relative/path", "file:///etc/passwd", "http://", "https://bot.example.org/")
        select Build("bad-serviceUrl", template, copy => copy["serviceUrl"] = url);

    private static MalformedPayload Build(string kind, JsonObject template, Action<JsonObject> damage)
    {
        var copy = (JsonObject)template.DeepClone();
        damage(copy);
        return new MalformedPayload(kind, Encoding.UTF8.GetBytes(copy.ToJsonString()), "application/json");
    }
}
