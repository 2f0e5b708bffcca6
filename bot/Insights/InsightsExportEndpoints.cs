using System.Text;
using EngagementBot.Dialogs.Insights;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Bot.Insights;

/// <summary>
/// Staff-only exports of a report, reached through the signed, expiring links of the report card:
/// <c>GET /api/insights/responses.csv</c> and <c>GET /api/insights/report.html</c> with the report's filters
/// (<c>scope</c>, <c>question</c>, <c>since</c>, <c>until</c>, <c>lang</c>), its language (<c>hl</c>), <c>exp</c> and <c>sig</c>.
/// Errors are problem+json: 401 without a signature, 403 for a wrong signature or an expired link, 400 for a
/// malformed filter, 404 for an unknown consultation, project or question.
/// </summary>
public static class InsightsExportEndpoints
{
    /// <summary>The CSV export path.</summary>
    public const string CsvPath = "/api/insights/responses.csv";

    /// <summary>The HTML report path.</summary>
    public const string HtmlPath = "/api/insights/report.html";

    /// <summary>Maps both exports.</summary>
    public static IEndpointRouteBuilder MapInsightsExports(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(CsvPath, (HttpContext context, CancellationToken ct) => ServeAsync(context, CsvPath, ct));
        endpoints.MapGet(HtmlPath, (HttpContext context, CancellationToken ct) => ServeAsync(context, HtmlPath, ct));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        var query = context.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())).ToList();
        switch (context.RequestServices.GetRequiredService<ExportLinkSigner>().Check(path, query))
        {
            case LinkCheck.Missing:
                context.Response.Headers.WWWAuthenticate = "Signature realm=\"insights\"";
                return Problem(StatusCodes.Status401Unauthorized, "Sign-in required", "This export needs the signed link from a staff report card (exp and sig parameters).");
            case LinkCheck.BadSignature:
                return Problem(StatusCodes.Status403Forbidden, "Invalid link", "The link's signature does not match its parameters: it was changed or made elsewhere. Ask the bot for a new summary.");
            case LinkCheck.Expired:
                return Problem(StatusCodes.Status403Forbidden, "Link expired", "This export link has expired. Ask the bot for a new summary to get fresh links.");
        }

        if (!InsightsFilter.TryFromPairs(name => context.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null, out var filter, out var invalid))
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad filter", $"The '{invalid}' parameter is malformed (dates are YYYY-MM-DD, languages fr or en).");
        }

        var language = context.Request.Query["hl"].ToString() == "en" ? "en" : "fr";
        InsightsReport report;
        try
        {
            report = await context.RequestServices.GetRequiredService<InsightsReportBuilder>().BuildAsync(filter, language, cancellationToken);
        }
        catch (InsightsRequestException exception)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", exception.Message);
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var name = "insights-" + TextMatching.Normalize(filter.Scope ?? "all").Replace(' ', '-') + "-" + report.GeneratedAt.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        if (path == CsvPath)
        {
            await using var buffer = new StringWriter();
            await InsightsCsv.WriteAsync(report, buffer, cancellationToken);
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
            return Results.Text(buffer.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
        }

        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        return Results.Text(InsightsHtml.Render(report, language), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);
}
