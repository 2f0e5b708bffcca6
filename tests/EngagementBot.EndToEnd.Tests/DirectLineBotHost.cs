using System.Net;
using EngagementBot.Bot.DirectLine;
using EngagementBot.Bot.Turns;
using EngagementBot.Bot.WebChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EngagementBot.EndToEnd.Tests;

/// <summary>
/// The embedded Direct Line and the Web Chat page, exactly as the bot maps them, on a real Kestrel server at
/// 127.0.0.1 (dynamic port), with <see cref="EchoBotProcessor"/> as the bot.
/// </summary>
public sealed class DirectLineBotHost : IAsyncLifetime
{
    private WebApplication? _app;

    public string Origin { get; private set; } = string.Empty;

    internal EchoBotProcessor Bot => (EchoBotProcessor)_app!.Services.GetRequiredService<IActivityProcessor>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = BotLocations.BotProjectDirectory,
            WebRootPath = Path.Combine(BotLocations.BotProjectDirectory, "wwwroot"),
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IActivityProcessor, EchoBotProcessor>();
        builder.Services.AddEmbeddedDirectLine(builder.Configuration);
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapEmbeddedDirectLine();
        _app.MapWebChatPage();
        await _app.StartAsync();
        Origin = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
