using EngagementBot.Bot.Protocol;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// The bot's own origin, used as the <c>serviceUrl</c> of Direct Line activities so that replies go through the
/// same connector client as the cloud path and land on this process's Connector v3 routes. It is
/// <see cref="DirectLineOptions.ServiceUrl"/> when set, else the first http address the server listens on
/// (wildcard or <c>localhost</c> rewritten to <c>127.0.0.1</c>) — never the request's Host header. The origin is
/// registered with <see cref="ITrustedServiceUrls"/> once the server has started.
/// </summary>
public sealed class DirectLineServiceUrl : IHostedLifecycleService
{
    private readonly IOptions<DirectLineOptions> _options;
    private readonly IServer _server;
    private readonly ITrustedServiceUrls _trustedServiceUrls;
    private string? _value;

    /// <summary>Creates the provider.</summary>
    public DirectLineServiceUrl(IOptions<DirectLineOptions> options, IServer server, ITrustedServiceUrls trustedServiceUrls)
    {
        _options = options;
        _server = server;
        _trustedServiceUrls = trustedServiceUrls;
    }

    /// <summary>The origin, without trailing slash. Throws when the server exposes no address and none is configured.</summary>
    public string Value => _value ??= Resolve();

    /// <summary>Rewrites a listen address to an origin the bot can call itself on.</summary>
    public static string ToOrigin(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"The server address '{address}' is not a URL; set DirectLine:ServiceUrl to the bot's own origin.");
        }

        var host = uri.Host;
        if (uri.Scheme == Uri.UriSchemeHttp
            && (host is "0.0.0.0" or "[::]" or "::" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host == "[::1]"))
        {
            host = "127.0.0.1";
        }

        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.GetLeftPart(UriPartial.Authority);
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.IsEnabled && (_options.Value.ServiceUrl is { Length: > 0 } || HasAddresses()))
        {
            _ = Value;
        }

        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private bool HasAddresses() => _server.Features.Get<IServerAddressesFeature>()?.Addresses.Count > 0;

    private string Resolve()
    {
        string origin;
        if (_options.Value.ServiceUrl is { Length: > 0 } configured)
        {
            origin = configured.TrimEnd('/');
        }
        else
        {
            var addresses = _server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The server exposes no listen address; set DirectLine:ServiceUrl to the bot's own origin (e.g. http://127.0.0.1:3978).");
            origin = ToOrigin(address);
        }

        _trustedServiceUrls.Trust(origin);
        return origin;
    }
}
