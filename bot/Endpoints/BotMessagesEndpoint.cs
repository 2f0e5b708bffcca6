using System.Text.Json;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Turns;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Endpoints;

/// <summary>
/// <c>POST /api/messages</c>: where Azure Bot Service (and the Agents Playground, the Emulator…) deliver
/// activities. The way of a message: read and check the body → authenticate the caller → run the turn →
/// answer with the status the protocol expects (200, 202 when acknowledged early, the invoke response,
/// or the collected replies for <c>expectReplies</c>). Every refusal is a problem+json with the reason.
/// </summary>
public static partial class BotMessagesEndpoint
{
    public const string Route = "/api/messages";

    /// <summary>Largest accepted activity: 256 KB, the channels' own limit.</summary>
    public const int MaxActivityBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map(Route, HandleAsync).WithName("BotMessages").WithDisplayName("POST /api/messages");
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await ProblemAsync(http, StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"{Route} accepts only POST.");
            return;
        }

        if (!IsJson(request.ContentType))
        {
            await ProblemAsync(http, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "The activity must be sent as application/json.");
            return;
        }

        if (request.ContentLength > MaxActivityBytes)
        {
            await ProblemAsync(http, StatusCodes.Status413PayloadTooLarge, "Activity too large", $"An activity may not exceed {MaxActivityBytes} bytes.");
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = MaxActivityBytes;
        }

        var (activity, readError, readStatus) = await ReadActivityAsync(http);
        if (activity is null)
        {
            await ProblemAsync(http, readStatus, readStatus == StatusCodes.Status413PayloadTooLarge ? "Activity too large" : "Invalid activity", readError!);
            return;
        }

        if (ActivityRequestRules.Validate(activity) is { } invalid)
        {
            await ProblemAsync(http, StatusCodes.Status400BadRequest, "Invalid activity", invalid);
            return;
        }

        var identityOptions = http.RequestServices.GetRequiredService<IOptions<BotIdentityOptions>>().Value;
        if (identityOptions.IsLocalMode && !ActivityRequestRules.IsLoopback(activity.ServiceUrl!))
        {
            // Unauthenticated local mode must not become a way to make the bot post to arbitrary hosts.
            await ProblemAsync(http, StatusCodes.Status400BadRequest, "Invalid activity", "In local mode (no MicrosoftAppId configured) the bot only answers loopback service URLs such as http://127.0.0.1:port. Configure MicrosoftAppId to accept channel traffic.");
            return;
        }

        // The callerId is set by the bot from what it authenticated, never taken from the wire.
        activity.CallerId = null;

        var authenticator = http.RequestServices.GetRequiredService<IChannelAuthenticator>();
        var authentication = await authenticator.AuthenticateAsync(request.Headers.Authorization, activity, http.RequestAborted);
        if (!authentication.Succeeded)
        {
            LogUnauthorized(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotMessagesEndpoint)), activity.ChannelId, authentication.FailureReason);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await ProblemAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", authentication.FailureReason ?? "The request could not be authenticated.");
            return;
        }

        var processor = http.RequestServices.GetRequiredService<IActivityProcessor>();
        var outcome = await processor.ProcessAsync(activity, authentication.Identity!, http.RequestAborted);
        await WriteOutcomeAsync(http, activity, outcome);
    }

    private static async Task<(Activity? Activity, string? Error, int Status)> ReadActivityAsync(HttpContext http)
    {
        try
        {
            var activity = await JsonSerializer.DeserializeAsync(http.Request.Body, BotJsonContext.Default.Activity, http.RequestAborted);
            return activity is null
                ? (null, "The body is empty or null; it must be a JSON activity object.", StatusCodes.Status400BadRequest)
                : (activity, null, 0);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, $"An activity may not exceed {MaxActivityBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException exception)
        {
            return (null, $"The body is not a valid activity: {Describe(exception)}", StatusCodes.Status400BadRequest);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return (null, $"The body is not a valid activity: {exception.Message}", StatusCodes.Status400BadRequest);
        }
    }

    private static string Describe(JsonException exception)
    {
        var where = exception.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
        var line = exception.LineNumber is { } l ? $" (line {l + 1}, byte {exception.BytePositionInLine + 1})" : string.Empty;
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message) + where + line;
    }

    private static async Task WriteOutcomeAsync(HttpContext http, Activity activity, TurnOutcome outcome)
    {
        var response = http.Response;
        if (activity.IsType(ActivityTypes.Invoke))
        {
            if (outcome.InvokeResponse is null)
            {
                await ProblemAsync(http, StatusCodes.Status501NotImplemented, "Not implemented", $"The bot does not handle the invoke '{activity.Name}'.");
                return;
            }

            response.StatusCode = outcome.InvokeResponse.Status;
            if (outcome.InvokeResponse.Body is { } body && body.ValueKind != JsonValueKind.Undefined)
            {
                response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(response.Body, body, BotJsonContext.Default.JsonElement, http.RequestAborted);
            }

            return;
        }

        if (outcome.ExpectedReplies is not null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, outcome.ExpectedReplies, BotJsonContext.Default.ExpectedReplies, http.RequestAborted);
            return;
        }

        response.StatusCode = outcome.Acknowledged ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    internal static Task ProblemAsync(HttpContext http, int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(http);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unauthenticated activity for channel {ChannelId}: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? channelId, string? reason);
}
