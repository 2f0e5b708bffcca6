using EngagementBot.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Operations;

/// <summary>Readiness: the store answers a read of a key that does not exist (works on every provider).</summary>
internal sealed class StoreHealthCheck(IServiceScopeFactory scopes, IOptions<OperationsOptions> options) : IHealthCheck
{
    internal const string ProbeKey = "health/readiness-probe";

    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly OperationsOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadinessTimeout);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IStateStore>();
            await store.ReadAsync([ProbeKey], timeout.Token);
            return HealthCheckResult.Healthy("The store answered.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The store could not be reached ({exception.GetType().Name}).", exception);
        }
    }
}
