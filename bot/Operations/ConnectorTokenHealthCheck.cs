using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Connector.Credentials;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Operations;

/// <summary>
/// Readiness: with a <c>MicrosoftAppId</c>, a Bot Connector token can be obtained (secret, certificate or managed
/// identity works). The token providers cache their token, so this is cheap once warm. Local mode has no credential.
/// </summary>
internal sealed class ConnectorTokenHealthCheck(
    IBotTokenProvider tokenProvider, IOptions<BotIdentityOptions> identity, IOptions<OperationsOptions> options) : IHealthCheck
{
    private readonly IBotTokenProvider _tokenProvider = tokenProvider;
    private readonly BotIdentityOptions _identity = identity.Value;
    private readonly OperationsOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_identity.IsLocalMode)
        {
            return HealthCheckResult.Healthy("Local mode: no app id, no connector credential to check.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadinessTimeout);
        try
        {
            var token = await _tokenProvider.GetAccessTokenAsync(timeout.Token);
            return string.IsNullOrEmpty(token)
                ? HealthCheckResult.Unhealthy("No connector token although MicrosoftAppId is set.")
                : HealthCheckResult.Healthy("A connector token was obtained.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No connector token could be obtained ({exception.GetType().Name}).", exception);
        }
    }
}
