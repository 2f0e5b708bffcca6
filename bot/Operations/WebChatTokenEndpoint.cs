using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Operations;

/// <summary>
/// <c>POST /api/webchat/token</c>: a short-lived Direct Line token for Web Chat on an allowed website. The request
/// must come from one of <c>WebChatEmbedding:AllowedOrigins</c> (browser <c>Origin</c> header) and is rate-limited per
/// client address; the Direct Line secret never leaves the server.
/// </summary>
public static class WebChatTokenEndpoint
{
    /// <summary>The route.</summary>
    public const string Route = "/api/webchat/token";

    /// <summary>The CORS policy name.</summary>
    public const string CorsPolicy = "WebChatEmbedding";

    /// <summary>The rate-limiter policy name.</summary>
    public const string RateLimitPolicy = "WebChatToken";

    internal static async Task<IResult> HandleAsync(
        HttpContext context, IOptions<WebChatEmbeddingOptions> options, DirectLineTokenClient client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            return Problem(StatusCodes.Status404NotFound, "Web Chat embedding is not configured",
                "Set WebChatEmbedding:DirectLineSecret (and WebChatEmbedding:AllowedOrigins) to enable this endpoint.", "NotConfigured");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (!settings.IsAllowedOrigin(origin))
        {
            return Problem(StatusCodes.Status403Forbidden, "Origin not allowed",
                "This page's origin is not in WebChatEmbedding:AllowedOrigins.", "OriginNotAllowed");
        }

        try
        {
            var result = await client.GenerateAsync(origin, cancellationToken);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(result, OperationsJsonContext.Default.WebChatTokenResult);
        }
        catch (DirectLineTokenException exception)
        {
            return Problem(StatusCodes.Status502BadGateway, "Direct Line token unavailable", exception.Message, "DirectLineUnavailable");
        }
    }

    internal static IResult Problem(int status, string title, string detail, string reason) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
