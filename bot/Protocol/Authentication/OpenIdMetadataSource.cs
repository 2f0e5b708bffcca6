using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EngagementBot.Bot.Protocol.Authentication;

/// <summary>
/// The signing keys published at one OpenID metadata address. A <see cref="ConfigurationManager{T}"/> caches the
/// document and re-reads it in the background every <c>MetadataAutomaticRefreshInterval</c>. When a token names a key
/// id we do not know, <see cref="RefreshForUnknownKeyAsync"/> re-reads the document right away (at most once per
/// <c>MetadataRefreshInterval</c>, one read shared by concurrent callers) and awaits it: the manager's own
/// <c>RequestRefresh</c> only schedules a background read, so a retry right after it would still see the old keys.
/// </summary>
internal sealed partial class OpenIdMetadataSource
{
    private static readonly ConditionalWeakTable<OpenIdConnectConfiguration, SigningMetadata> MetadataByConfiguration = [];

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly IDocumentRetriever _documentRetriever;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshInterval;
    private readonly ILogger _logger;
    private readonly Lock _refreshLock = new();
    private DateTimeOffset? _lastForcedRefresh;
    private Task<SigningMetadata?>? _forcedRefresh;
    private SigningMetadata? _forcedMetadata;

    public OpenIdMetadataSource(
        string metadataAddress,
        IDocumentRetriever documentRetriever,
        ChannelAuthenticationOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        MetadataAddress = metadataAddress;
        _documentRetriever = documentRetriever;
        _timeProvider = timeProvider;
        _refreshInterval = options.MetadataRefreshInterval;
        _logger = logger;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataAddress, new IndexingRetriever(), documentRetriever)
        {
            AutomaticRefreshInterval = options.MetadataAutomaticRefreshInterval,
            RefreshInterval = options.MetadataRefreshInterval,
        };
    }

    public string MetadataAddress { get; }

    /// <summary>The newest signing keys known (cached; the first call reads the document).</summary>
    /// <exception cref="InvalidOperationException">The document has never been read successfully.</exception>
    public async ValueTask<SigningMetadata> GetAsync(CancellationToken cancellationToken)
    {
        var configuration = await _manager.GetConfigurationAsync(cancellationToken);
        var managed = MetadataByConfiguration.GetValue(configuration, SigningMetadata.FromConfiguration);
        var forced = Volatile.Read(ref _forcedMetadata);
        return forced is not null && forced.Sequence > managed.Sequence ? forced : managed;
    }

    /// <summary>
    /// Re-reads the document because a token named an unknown key. Returns the new keys, or null when a refresh
    /// happened less than <c>MetadataRefreshInterval</c> ago (refresh-storm protection) or the read failed.
    /// </summary>
    public async ValueTask<SigningMetadata?> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        Task<SigningMetadata?> refresh;
        lock (_refreshLock)
        {
            var now = _timeProvider.GetUtcNow();
            if (_forcedRefresh is { IsCompleted: false } running)
            {
                refresh = running;
            }
            else if (_lastForcedRefresh is { } last && now - last < _refreshInterval)
            {
                LogRefreshThrottled(_logger, MetadataAddress);
                return null;
            }
            else
            {
                _lastForcedRefresh = now;
                refresh = _forcedRefresh = ReadNowAsync();
            }
        }

        return await refresh.WaitAsync(cancellationToken);
    }

    private async Task<SigningMetadata?> ReadNowAsync()
    {
        try
        {
            // Not the caller's token: the read is shared by every request waiting for it.
            var configuration = await IndexingRetriever.RetrieveAsync(MetadataAddress, _documentRetriever, CancellationToken.None);
            var metadata = MetadataByConfiguration.GetValue(configuration, SigningMetadata.FromConfiguration);
            Volatile.Write(ref _forcedMetadata, metadata);
            LogRefreshed(_logger, MetadataAddress, metadata.KeyCount);
            return metadata;
        }
#pragma warning disable CA1031 // A failed refresh leaves the current keys in place; the token is then rejected.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRefreshFailed(_logger, exception, MetadataAddress);
            return null;
        }
    }

    /// <summary>
    /// Reads the document and indexes its keys at once, so <see cref="SigningMetadata.Sequence"/> follows the order
    /// of the reads (a background read finished before a forced one never looks newer than it).
    /// </summary>
    private sealed class IndexingRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel) =>
            RetrieveAsync(address, retriever, cancel);

        public static async Task<OpenIdConnectConfiguration> RetrieveAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel);
            MetadataByConfiguration.GetValue(configuration, SigningMetadata.FromConfiguration);
            return configuration;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys re-read from {MetadataAddress} after an unknown key id: {KeyCount} keys")]
    private static partial void LogRefreshed(ILogger logger, string metadataAddress, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read signing keys from {MetadataAddress}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string metadataAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unknown key id, but signing keys from {MetadataAddress} were re-read too recently")]
    private static partial void LogRefreshThrottled(ILogger logger, string metadataAddress);
}
