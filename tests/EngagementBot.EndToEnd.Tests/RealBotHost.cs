using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// The real bot application (its own <c>Program</c>, in Development, Direct Line enabled) on Kestrel at
/// 127.0.0.1 with a dynamic port, so the browser can reach it.
/// </summary>
public sealed class RealBotHost : IAsyncLifetime
{
    private readonly BotApplicationFactory _factory = new();

    public string Origin { get; private set; } = string.Empty;

    public Task InitializeAsync()
    {
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        Origin = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private sealed class BotApplicationFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(BotLocations.BotProjectDirectory);
            builder.UseSetting("DirectLine:Enabled", "true");
            builder.UseSetting("Storage:DataFolder", Path.Combine(Path.GetTempPath(), "engagementbot-e2e", Guid.NewGuid().ToString("N")));
        }
    }
}
