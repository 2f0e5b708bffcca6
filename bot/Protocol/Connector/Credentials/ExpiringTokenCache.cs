namespace EngagementBot.Bot.Protocol.Connector.Credentials;

/// <summary>
/// Holds one access token and acquires a new one when the current token is within
/// <see cref="RefreshMargin"/> of its expiry (or gone). Concurrent callers share a single acquisition.
/// Time comes from <see cref="TimeProvider"/> so tests can move it.
/// </summary>
internal sealed class ExpiringTokenCache : IDisposable
{
    /// <summary>A token is renewed this long before it expires, so no request carries a token about to die.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<BotAccessToken>> _acquire;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BotAccessToken? _current;

    public ExpiringTokenCache(Func<CancellationToken, Task<BotAccessToken>> acquire, TimeProvider timeProvider)
    {
        _acquire = acquire;
        _timeProvider = timeProvider;
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (IsFresh(current))
        {
            return current!.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = Volatile.Read(ref _current);
            if (IsFresh(current))
            {
                return current!.Token;
            }

            var acquired = await _acquire(cancellationToken);
            Volatile.Write(ref _current, acquired);
            return acquired.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool IsFresh(BotAccessToken? token) =>
        token is not null && _timeProvider.GetUtcNow() < token.ExpiresOn - RefreshMargin;
}
