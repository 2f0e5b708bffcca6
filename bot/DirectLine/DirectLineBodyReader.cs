using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Http;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// Reads a JSON request body with the Direct Line size limit (256 K characters) without buffering more than
/// that, and turns every malformed input into a <see cref="DirectLineProblem"/> instead of an exception.
/// </summary>
internal static class DirectLineBodyReader
{
    /// <summary>The largest activity Direct Line accepts, in characters of JSON.</summary>
    public const int MaxCharacters = 256 * 1024;

    // UTF-8 needs at most 3 bytes per UTF-16 character (4 bytes make a surrogate pair, i.e. 2 characters).
    private const long MaxBytes = MaxCharacters * 3L;

    public static async Task<BodyReadResult<Activity>> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(request, BotJsonContext.Default.Activity, required: true, cancellationToken);
        if (read.Problem is null && read.Value is null)
        {
            return new BodyReadResult<Activity>(null, DirectLineProblem.BadRequest("BadArgument", "The body must be an activity object, not null."));
        }

        if (read.Value is { } activity && string.IsNullOrWhiteSpace(activity.Type))
        {
            return new BodyReadResult<Activity>(null, DirectLineProblem.BadRequest("MissingProperty", "The activity has no 'type'."));
        }

        return read;
    }

    public static async Task<BodyReadResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, bool required, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return new BodyReadResult<T>(null, TooLarge());
        }

        var text = new StringBuilder();
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 8192, leaveOpen: true))
        {
            var buffer = new char[8192];
            int count;
            while ((count = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                if (text.Length + count > MaxCharacters)
                {
                    return new BodyReadResult<T>(null, TooLarge());
                }

                text.Append(buffer, 0, count);
            }
        }

        if (text.Length == 0 || string.IsNullOrWhiteSpace(text.ToString()))
        {
            return required
                ? new BodyReadResult<T>(null, DirectLineProblem.BadRequest("MissingBody", "The request needs a JSON body."))
                : new BodyReadResult<T>(null, null);
        }

        try
        {
            return new BodyReadResult<T>(JsonSerializer.Deserialize(text.ToString(), typeInfo), null);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : string.Empty;
            return new BodyReadResult<T>(null, DirectLineProblem.BadRequest("BadSyntax", $"The body is not valid JSON for this request{where}."));
        }
    }

    private static DirectLineProblem TooLarge() =>
        DirectLineProblem.TooLarge($"The activity is larger than {MaxCharacters} characters.");
}

/// <summary>A parsed body, or the problem to answer with.</summary>
internal sealed record BodyReadResult<T>(T? Value, DirectLineProblem? Problem)
    where T : class;
