using EngagementBot.Bot.Operations;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Connector.Credentials;
using EngagementBot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Deployment.Tests.Operations;

/// <summary>
/// A small WebApplication on 127.0.0.1 wired the way Program.cs wires Operations: the real SQLite store, bot identity
/// options, <c>AddOperations</c>, <c>UseOperations</c>, <c>MapOperations</c>. Tests may replace the store or the
/// connector token provider.
/// </summary>
internal sealed class OperationsHost : IAsyncDisposable
{
    private readonly string _dataFolder;

    private OperationsHost(WebApplication app, string dataFolder, HttpClient client)
    {
        App = app;
        _dataFolder = dataFolder;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static async Task<OperationsHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var dataFolder = Directory.CreateTempSubdirectory("engagementbot-ops-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = dataFolder });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<BotIdentityOptions>().Bind(builder.Configuration);
        builder.Services.TryAddSingleton<IBotTokenProvider, LocalModeBotTokenProvider>();
        builder.Services.AddEngagementStorage(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddOperations(builder.Configuration);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseOperations();
        app.MapOperations();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(dataFolder, recursive: true);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OperationsHost(app, dataFolder, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
