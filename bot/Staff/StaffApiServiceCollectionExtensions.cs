using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace EngagementBot.Bot.Staff;

/// <summary>Registers the staff REST API.</summary>
public static class StaffApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StaffApiOptions"/> (section <c>StaffApi</c>, validated at start-up), <see cref="StaffApiAuthenticator"/>
    /// and the OpenAPI document of the staff routes. Needs channel authentication (metadata HTTP client) and publishing.
    /// </summary>
    public static IServiceCollection AddStaffApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StaffApiOptions>().Bind(configuration.GetSection(StaffApiOptions.SectionName))
            .Validate(o => string.IsNullOrEmpty(o.ApiKey) || o.ApiKey.Length >= 16, "StaffApi:ApiKey must be at least 16 characters (or empty for no API key).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKeyHeader), "StaffApi:ApiKeyHeader must name a header, e.g. X-Api-Key.")
            .Validate(o => o.MaxRequestBodyBytes is >= 1024 and <= 1024 * 1024, "StaffApi:MaxRequestBodyBytes must be between 1024 and 1048576.")
            .Validate(o => o.OpenIdMetadataUrl is null or "" || Uri.IsWellFormedUriString(o.OpenIdMetadataUrl, UriKind.Absolute), "StaffApi:OpenIdMetadataUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton<StaffApiAuthenticator>();
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/staff/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "EngagementBot staff API";
                document.Info.Description =
                    "Publish news, interim reports, final results and event reminders to a project's subscribers, and follow their delivery. " +
                    "Authenticate with an Entra ID bearer token (staff role: Staff:Members / Staff:Groups or the app role EngagementBot.Staff) " +
                    "or, in local mode, the X-Api-Key header. Errors are application/problem+json.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    ["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT", Description = "Entra ID access token for this API with a staff role." },
                    ["apiKey"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key", Description = "Local mode only." },
                };
                document.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] },
                ];
                return Task.CompletedTask;
            });

            // The create route reads its JSON body itself (to answer 415/413/400 as problem+json), so its body is described here.
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (operation.OperationId == "CreateNotification")
                {
                    var schema = await context.GetOrCreateSchemaAsync(typeof(CreateNotificationRequest), null, cancellationToken);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = schema } },
                    };
                }
            });
        });
        return services;
    }
}
