using System.Runtime.CompilerServices;
using System.Text.Json;

namespace EngagementBot.Dialogs.Understanding;

/// <summary>
/// Reads JSON Lines of <c>{"text","lang","intent"}</c> (other properties such as "id" or "topic" are
/// ignored; blank lines are skipped). A malformed line fails with an <see cref="InvalidDataException"/>
/// that names the line and what is wrong with it.
/// </summary>
public static class LabeledUtteranceReader
{
    /// <summary>Reads every utterance of <paramref name="input"/>, in order.</summary>
    public static async IAsyncEnumerable<LabeledUtterance> ReadAsync(TextReader input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, lineNumber);
            }
        }
    }

    /// <summary>Reads every utterance of <paramref name="input"/> synchronously (for embedded resources).</summary>
    public static IReadOnlyList<LabeledUtterance> ReadAll(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = new List<LabeledUtterance>();
        var lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                result.Add(Parse(line, lineNumber));
            }
        }

        return result;
    }

    /// <summary>Parses one line; <paramref name="lineNumber"/> is only used in error messages.</summary>
    public static LabeledUtterance Parse(string line, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Line {lineNumber}: not valid JSON ({e.Message}). Each line must be an object like {{\"text\":\"...\",\"lang\":\"fr\",\"intent\":\"help\"}}.", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"Line {lineNumber}: expected a JSON object, found {root.ValueKind}.");
            }

            var text = RequiredString(root, "text", lineNumber);
            var intent = RequiredString(root, "intent", lineNumber);
            if (!Intents.IsKnown(intent))
            {
                throw new InvalidDataException($"Line {lineNumber}: unknown intent \"{intent}\"; expected one of {string.Join(", ", Intents.All)}.");
            }

            var lang = root.TryGetProperty("lang", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : string.Empty;
            return new LabeledUtterance(text, lang, intent);
        }
    }

    private static string RequiredString(JsonElement root, string name, int lineNumber)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException($"Line {lineNumber}: missing string property \"{name}\".");
        }

        return value.GetString()!;
    }
}
