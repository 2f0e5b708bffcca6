using EngagementBot.Bot.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EngagementBot.Bot.WebChat;

/// <summary>
/// Serves the local Web Chat page (<c>GET /</c>), its script and style sheet and the Web Chat bundle that the
/// build copies from npm into <c>wwwroot/lib/webchat.js</c>. No CDN, no static-files middleware needed.
/// </summary>
public static class WebChatPageEndpoints
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly (string Route, string File, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app/webchat-page.js", "app/webchat-page.js", "text/javascript; charset=utf-8"),
        ("/app/webchat-page.css", "app/webchat-page.css", "text/css; charset=utf-8"),
        ("/lib/webchat.js", "lib/webchat.js", "text/javascript; charset=utf-8"),
    ];

    /// <summary>
    /// Maps the page and its assets from the web root (<c>bot/wwwroot</c>). Maps nothing when the embedded
    /// Direct Line is disabled (<c>DirectLine:Enabled</c>), since the page talks to it.
    /// </summary>
    public static IEndpointRouteBuilder MapWebChatPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<IOptions<DirectLineOptions>>()?.Value.Enabled != true)
        {
            return endpoints;
        }

        foreach (var (route, file, contentType) in Files)
        {
            endpoints.MapGet(route, (HttpContext context, IWebHostEnvironment environment) => Serve(context, environment, file, contentType));
        }

        return endpoints;
    }

    private static IResult Serve(HttpContext context, IWebHostEnvironment environment, string file, string contentType)
    {
        var info = environment.WebRootFileProvider.GetFileInfo(file);
        if (!info.Exists || info.IsDirectory)
        {
            return DirectLineProblem.NotFound(
                "AssetMissing",
                $"'{file}' is missing from the web root; build the bot project (its build restores Web Chat from npm into wwwroot/lib).");
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.CacheControl] = "no-cache";
        if (file.EndsWith(".html", StringComparison.Ordinal))
        {
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        }

        var lastModified = info.LastModified;
        var etag = new EntityTagHeaderValue($"\"{lastModified.UtcTicks:x}-{info.Length:x}\"");
        return Results.Stream(info.CreateReadStream(), contentType, lastModified: lastModified, entityTag: etag);
    }
}
