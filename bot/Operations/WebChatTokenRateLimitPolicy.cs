using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Operations;

/// <summary>
/// Fixed-window rate limit of <c>POST /api/webchat/token</c> per client IP address
/// (<c>WebChatEmbedding:TokensPerClientAddress</c> per <c>WebChatEmbedding:RateLimitWindow</c>); rejected requests get
/// 429 with <c>Retry-After</c> and a problem+json reason.
/// </summary>
internal sealed class WebChatTokenRateLimitPolicy(IOptions<WebChatEmbeddingOptions> options) : IRateLimiterPolicy<string>
{
    private readonly WebChatEmbeddingOptions _options = options.Value;

    /// <inheritdoc />
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    /// <inheritdoc />
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.TokensPerClientAddress,
            Window = _options.RateLimitWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await WebChatTokenEndpoint.Problem(StatusCodes.Status429TooManyRequests, "Too many token requests",
            "This address asked for too many Web Chat tokens; try again later.", "RateLimited").ExecuteAsync(context.HttpContext);
    }
}
