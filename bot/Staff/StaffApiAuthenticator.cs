using System.Security.Cryptography;
using System.Text;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Dialogs.Staff;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EngagementBot.Bot.Staff;

/// <summary>Who called the staff API.</summary>
/// <param name="Id">Who it is, as recorded on what they publish (<c>entra:{oid}</c>, <c>app:{azp}</c> or <c>api-key</c>).</param>
/// <param name="Role">Their role.</param>
public sealed record StaffCaller(string Id, StaffRole Role);

/// <summary>The outcome of authenticating a staff API request: a caller, or a status (401/403) and a reason.</summary>
/// <param name="Caller">The caller, when authenticated and staff.</param>
/// <param name="Status">401 or 403 when refused.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record StaffAuthentication(StaffCaller? Caller, int Status, string Reason)
{
    /// <summary>An accepted caller.</summary>
    public static StaffAuthentication Accepted(StaffCaller caller) => new(caller, StatusCodes.Status200OK, string.Empty);

    /// <summary>Not authenticated.</summary>
    public static StaffAuthentication Unauthorized(string reason) => new(null, StatusCodes.Status401Unauthorized, reason);

    /// <summary>Authenticated, but not allowed.</summary>
    public static StaffAuthentication Forbidden(string reason) => new(null, StatusCodes.Status403Forbidden, reason);
}

/// <summary>
/// Authenticates staff API requests: an Entra ID bearer token validated with Microsoft.IdentityModel against the tenant's
/// OpenID metadata (issuer, audience, lifetime, RSA signature; keys cached and re-read once for an unknown key id), whose
/// caller has a staff role; or, in local mode, the configured API key (compared in constant time).
/// </summary>
public sealed class StaffApiAuthenticator
{
    private static readonly string[] Algorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256];

    private readonly StaffApiOptions _options;
    private readonly IStaffDirectory _directory;
    private readonly bool _localMode;
    private readonly string[] _audiences;
    private readonly TimeSpan _clockSkew;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly string? _notConfigured;
    private readonly JsonWebTokenHandler _handler = new();

    public StaffApiAuthenticator(
        IOptions<StaffApiOptions> options,
        IOptions<BotIdentityOptions> identity,
        IOptions<ChannelAuthenticationOptions> channelAuthentication,
        IHttpClientFactory httpClientFactory,
        IStaffDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(channelAuthentication);
        _options = options.Value;
        _directory = directory;
        _localMode = identity.Value.IsLocalMode;
        _clockSkew = channelAuthentication.Value.ClockSkew;
        var appId = identity.Value.MicrosoftAppId;
        _audiences = _options.Audiences.Count > 0 ? [.. _options.Audiences]
            : string.IsNullOrWhiteSpace(appId) ? [] : [appId, "api://" + appId];
        var tenant = string.IsNullOrWhiteSpace(_options.TenantId) ? identity.Value.MicrosoftAppTenantId : _options.TenantId;
        var address = !string.IsNullOrWhiteSpace(_options.OpenIdMetadataUrl) ? _options.OpenIdMetadataUrl
            : string.IsNullOrWhiteSpace(tenant) ? null
            : channelAuthentication.Value.EntraOpenIdMetadataUrlTemplate.Replace("{tenant}", tenant, StringComparison.Ordinal);
        if (_audiences.Length == 0 || address is null)
        {
            _notConfigured = "Bearer tokens are not configured for the staff API: set MicrosoftAppId and MicrosoftAppTenantId (or StaffApi:Audiences and StaffApi:TenantId).";
            return;
        }

        var retriever = new HttpClientFactoryDocumentRetriever(
            httpClientFactory, ChannelAuthenticationServiceCollectionExtensions.MetadataHttpClientName, channelAuthentication.Value.RequireHttpsMetadata);
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = channelAuthentication.Value.MetadataAutomaticRefreshInterval,
            RefreshInterval = channelAuthentication.Value.MetadataRefreshInterval,
        };
    }

    /// <summary>Authenticates the request and checks the caller has at least <paramref name="required"/>.</summary>
    public async Task<StaffAuthentication> AuthenticateAsync(HttpRequest request, StaffRole required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        StaffAuthentication authentication;
        if (request.Headers.TryGetValue(_options.ApiKeyHeader, out var apiKey))
        {
            authentication = CheckApiKey(apiKey.ToString());
        }
        else if (request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            authentication = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? await ValidateBearerAsync(authorization["Bearer ".Length..].Trim(), cancellationToken)
                : StaffAuthentication.Unauthorized("Only the Bearer authorization scheme is accepted.");
        }
        else
        {
            authentication = StaffAuthentication.Unauthorized(_localMode && !string.IsNullOrEmpty(_options.ApiKey)
                ? $"Authentication required: send an Entra ID bearer token (Authorization: Bearer …) or, in local mode, the {_options.ApiKeyHeader} header."
                : "Authentication required: send an Entra ID bearer token (Authorization: Bearer …).");
        }

        if (authentication.Caller is { } caller && caller.Role < required)
        {
            return StaffAuthentication.Forbidden(caller.Role == StaffRole.None
                ? $"The caller has no staff role. Ask an administrator to add your Entra object id to Staff:Members (or your group to Staff:Groups), or to give you the app role {_options.StaffAppRole}."
                : $"This operation needs the role {required}; the caller has {caller.Role}.");
        }

        return authentication;
    }

    private StaffAuthentication CheckApiKey(string presented)
    {
        if (!_localMode)
        {
            return StaffAuthentication.Unauthorized("API keys are accepted in local mode only; use an Entra ID bearer token.");
        }

        if (string.IsNullOrEmpty(_options.ApiKey))
        {
            return StaffAuthentication.Unauthorized($"No API key is configured (StaffApi:ApiKey); the {_options.ApiKeyHeader} header is not accepted.");
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(_options.ApiKey));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? StaffAuthentication.Accepted(new StaffCaller("api-key", _options.ApiKeyRole))
            : StaffAuthentication.Unauthorized($"The {_options.ApiKeyHeader} header does not match the configured API key.");
    }

    private async Task<StaffAuthentication> ValidateBearerAsync(string token, CancellationToken cancellationToken)
    {
        if (_metadata is null)
        {
            return StaffAuthentication.Unauthorized(_notConfigured!);
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return StaffAuthentication.Unauthorized("The token cannot be checked now: the identity provider's signing keys could not be read.");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys may have rotated: read the metadata again once.
            _metadata.RequestRefresh();
            try
            {
                configuration = await _metadata.GetConfigurationAsync(cancellationToken);
                result = await _handler.ValidateTokenAsync(token, Parameters(configuration));
            }
            catch (InvalidOperationException)
            {
                // Keep the first result: the key is unknown.
            }
        }

        if (!result.IsValid)
        {
            return StaffAuthentication.Unauthorized(Reason(result.Exception));
        }

        var identity = result.ClaimsIdentity;
        var objectId = identity.FindFirst("oid")?.Value;
        var groups = identity.FindAll("groups").Select(c => c.Value).ToList();
        var role = _directory.RoleOf(objectId, groups);
        foreach (var appRole in identity.FindAll("roles").Select(c => c.Value))
        {
            var granted = appRole == _options.AdminAppRole ? StaffRole.Admin : appRole == _options.StaffAppRole ? StaffRole.Staff : StaffRole.None;
            role = granted > role ? granted : role;
        }

        var id = objectId is not null ? "entra:" + objectId : "app:" + (identity.FindFirst("azp")?.Value ?? identity.FindFirst("appid")?.Value ?? "unknown");
        return StaffAuthentication.Accepted(new StaffCaller(id, role));
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudiences = _audiences,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = Algorithms,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = _clockSkew,
    };

    private string Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => $"The token was issued for another audience; this API accepts {string.Join(" or ", _audiences)}.",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidIssuerException => "The token was issued by another tenant or authority.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key the identity provider does not publish.",
        SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is malformed.",
        _ => "The bearer token is not valid.",
    };
}
