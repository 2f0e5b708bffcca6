using System.Text.Json;
using System.Text.Json.Serialization;

namespace EngagementBot.Storage.Domain;

/// <summary>
/// The JSON shape of stored documents (projects, consultations, answer values, consents): camelCase,
/// enums as kebab-case strings, nulls omitted. Shared by every provider so documents are portable.
/// </summary>
public static class StorageJson
{
    /// <summary>The serializer options for stored documents.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a value to a JSON string.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes a JSON string; throws <see cref="JsonException"/> when it is not a <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored document is null, expected {typeof(T).Name}.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
