using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Operations;

/// <summary>
/// Operations: health endpoints (<c>/health/live</c>, <c>/health/ready</c>), graceful shutdown timeout, and the
/// Web Chat token endpoint for public websites (<c>POST /api/webchat/token</c>).
/// </summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>Tag of the readiness checks.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Registers the options (validated at start-up), the health checks (store, connector token), the host's shutdown
    /// timeout, the Direct Line token client, and the CORS and rate-limiter policies of the token endpoint.
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperationsOptions>()
            .Bind(configuration.GetSection(OperationsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<WebChatEmbeddingOptions>()
            .Bind(configuration.GetSection(WebChatEmbeddingOptions.SectionName))
            .PostConfigure(options => options.AddOriginsFromList(configuration[$"{WebChatEmbeddingOptions.SectionName}:AllowedOrigins"]))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatEmbeddingOptions>, WebChatEmbeddingOptionsValidator>();

        // Graceful shutdown: the host waits this long for hosted services (background turns, dispatcher) to stop.
        services.AddOptions<HostOptions>()
            .Configure<IOptions<OperationsOptions>>((host, operations) => host.ShutdownTimeout = operations.Value.ShutdownTimeout);

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<ConnectorTokenHealthCheck>("connector-token", tags: [ReadyTag]);

        services.AddHttpClient<DirectLineTokenClient>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<WebChatEmbeddingOptions>>((cors, embedding) => cors.AddPolicy(WebChatTokenEndpoint.CorsPolicy, policy => policy
                .WithOrigins([.. embedding.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'))])
                .WithMethods(HttpMethods.Post)
                .WithHeaders("Content-Type")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, WebChatTokenRateLimitPolicy>(WebChatTokenEndpoint.RateLimitPolicy));
        return services;
    }

    /// <summary>
    /// Adds the CORS and rate-limiting middleware the token endpoint needs. Call it after routing (in a
    /// <see cref="WebApplication"/>, anywhere before the endpoints run) and before <see cref="MapOperations"/>.
    /// </summary>
    public static IApplicationBuilder UseOperations(this IApplicationBuilder app) => app.UseCors().UseRateLimiter();

    /// <summary>Maps <c>GET /health/live</c>, <c>GET /health/ready</c> and <c>POST /api/webchat/token</c>.</summary>
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false, // the process answers: alive; dependencies belong to readiness
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        endpoints.MapPost(WebChatTokenEndpoint.Route, WebChatTokenEndpoint.HandleAsync)
            .RequireCors(WebChatTokenEndpoint.CorsPolicy)
            .RequireRateLimiting(WebChatTokenEndpoint.RateLimitPolicy)
            .DisableAntiforgery();
        return endpoints;
    }
}
