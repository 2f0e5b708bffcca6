using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Connector.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Connector;

/// <summary>
/// Builds the connector exactly as the application does (<see cref="ConnectorServiceCollectionExtensions.AddBotConnector"/>)
/// with test settings, an optional fake token provider and an optional manual clock.
/// </summary>
internal sealed class ConnectorTestHost : IAsyncDisposable
{
    public const string AppId = "6a3c1b8e-0000-4000-8000-000000000001";

    private readonly ServiceProvider _services;

    private ConnectorTestHost(ServiceProvider services)
    {
        _services = services;
        Client = services.GetRequiredService<IConnectorClient>();
        TrustedServiceUrls = services.GetRequiredService<ITrustedServiceUrls>();
    }

    public IConnectorClient Client { get; }

    public ITrustedServiceUrls TrustedServiceUrls { get; }

    /// <summary>Settings of a bot with an app id (the fake token provider replaces MSAL).</summary>
    public static Dictionary<string, string?> WithAppId() => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-used-by-the-fake-provider",
        ["MicrosoftAppTenantId"] = "11111111-2222-3333-4444-555555555555",
    };

    /// <summary>Settings of a bot in local mode (no app id).</summary>
    public static Dictionary<string, string?> LocalMode() => new() { ["MicrosoftAppId"] = string.Empty };

    public static ConnectorTestHost Create(
        Dictionary<string, string?> settings,
        IBotTokenProvider? tokenProvider = null,
        TimeProvider? timeProvider = null,
        int maxRetries = 4,
        TimeSpan? attemptTimeout = null,
        TimeSpan? maxDelay = null)
    {
        settings["Connector:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Connector:BaseDelay"] = "00:00:00.010";
        settings["Connector:MaxDelay"] = (maxDelay ?? TimeSpan.FromSeconds(30)).ToString("c");
        settings["Connector:AttemptTimeout"] = (attemptTimeout ?? TimeSpan.FromSeconds(20)).ToString("c");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        if (tokenProvider is not null)
        {
            services.AddSingleton(tokenProvider);
        }

        services.AddBotConnector(configuration);
        return new ConnectorTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A token provider that hands out "token-1", "token-2", … and counts calls.</summary>
internal sealed class CountingTokenProvider : IBotTokenProvider
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Exception? Failure { get; set; }

    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            return ValueTask.FromException<string?>(Failure);
        }

        var call = Interlocked.Increment(ref _calls);
        return ValueTask.FromResult<string?>($"token-{call}");
    }
}
