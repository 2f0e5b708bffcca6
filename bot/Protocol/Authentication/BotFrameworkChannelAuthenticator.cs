using System.Collections.Frozen;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static EngagementBot.Bot.Protocol.Authentication.BotFrameworkAuthenticationConstants;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// Authenticates requests from Bot Framework channels (an app id is configured). Accepts
/// <c>Authorization: Bearer &lt;JWT&gt;</c> issued either by the Bot Connector service (issuer
/// <c>https://api.botframework.com</c>; the signing key must endorse the activity's channel and the
/// <c>serviceurl</c> claim must equal the activity's service URL) or by Entra ID for the Bot Framework tenants or the
/// bot's own tenant (emulator, skills, single-tenant; <c>ver</c> required, caller app id from <c>appid</c>/<c>azp</c>).
/// Cryptography, lifetime and metadata handling are Microsoft.IdentityModel's; this type adds the Bot Framework rules.
/// Validated tokens are cached until <c>exp</c>; the per-activity checks run on every request. On success the
/// activity's service URL becomes trusted for outbound calls.
/// </summary>
public sealed partial class BotFrameworkChannelAuthenticator : IChannelAuthenticator, IDisposable
{
    private const string BearerScheme = "Bearer";

    private readonly JsonWebTokenHandler _tokenHandler = new();
    private readonly string _appId;
    private readonly FrozenSet<string> _allowedCallerAppIds;
    private readonly FrozenDictionary<string, TokenIssuerProfile> _profilesByIssuer;
    private readonly ValidatedTokenCache _validatedTokens;
    private readonly ITrustedServiceUrls _trustedServiceUrls;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _clockSkew;
    private readonly ILogger _logger;

    public BotFrameworkChannelAuthenticator(
        IOptions<BotIdentityOptions> botIdentity,
        IOptions<ChannelAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        ITrustedServiceUrls trustedServiceUrls,
        TimeProvider timeProvider,
        ILogger<BotFrameworkChannelAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(botIdentity);
        ArgumentNullException.ThrowIfNull(options);
        var identity = botIdentity.Value;
        var settings = options.Value;
        if (identity.IsLocalMode)
        {
            throw new InvalidOperationException($"{nameof(BotFrameworkChannelAuthenticator)} needs MicrosoftAppId; use {nameof(LocalModeChannelAuthenticator)} in local mode.");
        }

        _appId = identity.MicrosoftAppId!.Trim();
        _allowedCallerAppIds = settings.AllowedCallerAppIds.Select(id => id.Trim()).Append(_appId).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _trustedServiceUrls = trustedServiceUrls;
        _timeProvider = timeProvider;
        _clockSkew = settings.ClockSkew;
        _logger = logger;
        _validatedTokens = new ValidatedTokenCache(settings.ValidatedTokenCacheSize, timeProvider);

        var documents = new HttpClientFactoryDocumentRetriever(httpClientFactory, ChannelAuthenticationServiceCollectionExtensions.MetadataHttpClientName, settings.RequireHttpsMetadata);
        var profiles = new Dictionary<string, TokenIssuerProfile>(StringComparer.Ordinal);
        var botConnector = new TokenIssuerProfile(
            IsBotConnector: true,
            new OpenIdMetadataSource(settings.BotFrameworkOpenIdMetadataUrl, documents, settings, timeProvider, logger),
            [BotConnectorIssuer]);
        profiles[BotConnectorIssuer] = botConnector;

        foreach (var tenantId in TrustedTenants(identity.MicrosoftAppTenantId))
        {
            var metadataUrl = settings.EntraOpenIdMetadataUrlTemplate.Replace(TenantPlaceholder, tenantId, StringComparison.Ordinal);
            var entra = new TokenIssuerProfile(
                IsBotConnector: false,
                new OpenIdMetadataSource(metadataUrl, documents, settings, timeProvider, logger),
                [EntraV1Issuer(tenantId), EntraV2Issuer(tenantId)]);
            foreach (var issuer in entra.ValidIssuers)
            {
                profiles[issuer] = entra;
            }
        }

        _profilesByIssuer = profiles.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public async ValueTask<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!TryReadBearerToken(authorizationHeader, out var rawToken, out var failure))
        {
            return Reject(failure);
        }

        if (!_validatedTokens.TryGet(rawToken, out var token))
        {
            (token, failure) = await ValidateTokenAsync(rawToken, cancellationToken);
            if (token is null)
            {
                return Reject(failure!);
            }

            _validatedTokens.Add(rawToken, token);
        }

        failure = CheckActivityBinding(token, activity);
        if (failure is not null)
        {
            return Reject(failure);
        }

        if (!string.IsNullOrEmpty(activity.ServiceUrl))
        {
            _trustedServiceUrls.Trust(activity.ServiceUrl);
        }

        return ChannelAuthenticationResult.Success(token.Identity.Clone());
    }

    public void Dispose() => _validatedTokens.Dispose();

    private static bool TryReadBearerToken(string? header, out string token, out string failure)
    {
        token = string.Empty;
        failure = string.Empty;
        if (string.IsNullOrWhiteSpace(header))
        {
            failure = "The Authorization header is missing.";
            return false;
        }

        var trimmed = header.AsSpan().Trim();
        var space = trimmed.IndexOf(' ');
        var scheme = space < 0 ? trimmed : trimmed[..space];
        if (!scheme.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            failure = "The Authorization header must use the Bearer scheme.";
            return false;
        }

        var value = space < 0 ? [] : trimmed[(space + 1)..].Trim();
        if (value.IsEmpty || value.ContainsAny(' ', '\t'))
        {
            failure = "The bearer token is empty or malformed.";
            return false;
        }

        token = value.ToString();
        return true;
    }

    private async ValueTask<(ValidatedToken? Token, string? Failure)> ValidateTokenAsync(string rawToken, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = _tokenHandler.ReadJsonWebToken(rawToken);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException)
        {
            return (null, "The bearer token is not a well-formed JWT.");
        }

        if (jwt.IsEncrypted)
        {
            return (null, "Encrypted tokens are not accepted.");
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return (null, "The token's signature algorithm is not allowed (RS256, RS384 or RS512 only).");
        }

        if (string.IsNullOrEmpty(jwt.Issuer) || !_profilesByIssuer.TryGetValue(jwt.Issuer, out var profile))
        {
            return (null, "The token's issuer is neither the Bot Connector service nor a trusted Entra ID tenant.");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return (null, "The token has no key id (kid).");
        }

        var (signingKey, keyFailure) = await FindSigningKeyAsync(profile.Source, jwt.Kid, cancellationToken);
        if (signingKey is null)
        {
            return (null, keyFailure);
        }

        var result = await _tokenHandler.ValidateTokenAsync(jwt, CreateValidationParameters(profile, signingKey.Key));
        if (!result.IsValid)
        {
            return (null, DescribeValidationFailure(result.Exception));
        }

        if (!profile.IsBotConnector)
        {
            var callerFailure = CheckEntraCaller(jwt);
            if (callerFailure is not null)
            {
                return (null, callerFailure);
            }
        }

        jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrlClaim);
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));
        return (new ValidatedToken(result.ClaimsIdentity, profile.IsBotConnector, serviceUrlClaim, signingKey.Endorsements, expiresAt), null);
    }

    private async ValueTask<(SigningKeyInfo? Key, string? Failure)> FindSigningKeyAsync(OpenIdMetadataSource source, string keyId, CancellationToken cancellationToken)
    {
        SigningMetadata metadata;
        try
        {
            metadata = await source.GetAsync(cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            LogMetadataUnavailable(_logger, exception, source.MetadataAddress);
            return (null, "The signing keys of the token's issuer could not be retrieved.");
        }

        if (metadata.TryGetKey(keyId, out var key))
        {
            return (key, null);
        }

        // Unknown key id: the issuer may have rotated its keys. Re-read them once (throttled) and look again.
        var refreshed = await source.RefreshForUnknownKeyAsync(cancellationToken);
        if (refreshed is not null && refreshed.TryGetKey(keyId, out key))
        {
            return (key, null);
        }

        return (null, "The token was signed with a key the issuer does not publish.");
    }

    private TokenValidationParameters CreateValidationParameters(TokenIssuerProfile profile, SecurityKey signingKey) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = profile.ValidIssuers,
        ValidateAudience = true,
        RequireAudience = true,
        ValidAudience = _appId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _clockSkew,
        LifetimeValidator = ValidateLifetime,
        RequireSignedTokens = true,
        ValidAlgorithms = AllowedAlgorithms,
        IssuerSigningKey = signingKey,
        TryAllIssuerSigningKeys = false,
        AuthenticationType = AuthenticationType,
        SaveSigninToken = false,
    };

    /// <summary>The library's lifetime rule (nbf/exp with clock skew), on <see cref="TimeProvider"/> time.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start >= expiry)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is not before its exp.") { NotBefore = start, Expires = expiry };
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (notBefore is { } validFrom && validFrom > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = validFrom };
        }

        if (expiry < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }

        return true;
    }

    private string? CheckEntraCaller(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<string>(VersionClaim, out var version) || string.IsNullOrEmpty(version))
        {
            return "The Entra ID token has no 'ver' claim.";
        }

        var callerClaim = version switch
        {
            "1.0" => AppIdClaim,
            "2.0" => AuthorizedPartyClaim,
            _ => null,
        };
        if (callerClaim is null)
        {
            return "The Entra ID token has an unsupported 'ver' (1.0 or 2.0 expected).";
        }

        if (!jwt.TryGetPayloadValue<string>(callerClaim, out var callerAppId) || string.IsNullOrEmpty(callerAppId))
        {
            return $"The Entra ID v{version} token has no '{callerClaim}' claim.";
        }

        return _allowedCallerAppIds.Contains(callerAppId)
            ? null
            : $"The calling application ('{callerClaim}') is neither this bot nor an allowed caller.";
    }

    private static string? CheckActivityBinding(ValidatedToken token, Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ChannelId))
        {
            return "The activity has no channelId.";
        }

        // Bot Connector keys must endorse the channel; Entra ID keys carry no endorsements, but are held to them if they do.
        if ((token.IsBotConnectorToken || token.Endorsements is not null)
            && (token.Endorsements is null || !token.Endorsements.Contains(activity.ChannelId)))
        {
            return "The key that signed the token does not endorse the activity's channel.";
        }

        if (token.ServiceUrlClaim is null)
        {
            return token.IsBotConnectorToken ? "The Bot Connector token has no 'serviceurl' claim." : null;
        }

        return string.Equals(token.ServiceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase)
            ? null
            : "The token's 'serviceurl' claim does not match the activity's serviceUrl.";
    }

    private static string DescribeValidationFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenInvalidLifetimeException => "The token's lifetime is invalid.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this bot's app id.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenInvalidAlgorithmException => "The token's signature algorithm is not allowed (RS256, RS384 or RS512 only).",
        SecurityTokenSignatureKeyNotFoundException => "The token was signed with a key the issuer does not publish.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        null => "The token is invalid.",
        _ => $"The token is invalid ({exception.GetType().Name}).",
    };

    private static IEnumerable<string> TrustedTenants(string? ownTenantId)
    {
        var tenants = new List<string> { BotFrameworkTenantId, BotFrameworkSecondaryTenantId };
        var own = ownTenantId?.Trim();
        if (!string.IsNullOrEmpty(own) && !tenants.Contains(own, StringComparer.OrdinalIgnoreCase))
        {
            tenants.Add(own);
        }

        return tenants;
    }

    private ChannelAuthenticationResult Reject(string reason)
    {
        LogRejected(_logger, reason);
        return ChannelAuthenticationResult.Fail(reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel request rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing keys could not be read from {MetadataAddress}; channel requests are rejected until they can")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception, string metadataAddress);

    /// <summary>Which metadata and issuers apply to tokens of one issuer, and whether Bot Connector rules apply.</summary>
    private sealed record TokenIssuerProfile(bool IsBotConnector, OpenIdMetadataSource Source, string[] ValidIssuers);
}
