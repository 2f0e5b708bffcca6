using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// An error response as <c>application/problem+json</c> (RFC 9457) whose <c>reason</c> says what was wrong.
/// It also carries the Bot Framework <c>error: { code, message }</c> shape, so connector clients that read an
/// <c>ErrorResponse</c> understand it too.
/// </summary>
internal sealed class DirectLineProblem : IResult
{
    private DirectLineProblem(int status, string code, string reason)
    {
        Status = status;
        Code = code;
        Reason = reason;
    }

    public int Status { get; }

    public string Code { get; }

    public string Reason { get; }

    public static DirectLineProblem BadRequest(string code, string reason) => new(StatusCodes.Status400BadRequest, code, reason);

    public static DirectLineProblem Unauthorized(string reason) => new(StatusCodes.Status401Unauthorized, "Unauthorized", reason);

    public static DirectLineProblem Forbidden(string code, string reason) => new(StatusCodes.Status403Forbidden, code, reason);

    public static DirectLineProblem NotFound(string code, string reason) => new(StatusCodes.Status404NotFound, code, reason);

    public static DirectLineProblem TooLarge(string reason) => new(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", reason);

    public static DirectLineProblem TooMany(string reason) => new(StatusCodes.Status429TooManyRequests, "TooManyConversations", reason);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = "application/problem+json";
        if (Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        if (Status == StatusCodes.Status429TooManyRequests)
        {
            response.Headers.RetryAfter = "60";
        }

        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", "about:blank");
        writer.WriteString("title", ReasonPhrase(Status));
        writer.WriteNumber("status", Status);
        writer.WriteString("detail", Reason);
        writer.WriteString("reason", Code);
        writer.WriteStartObject("error");
        writer.WriteString("code", Code);
        writer.WriteString("message", Reason);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        _ => "Error",
    };
}
