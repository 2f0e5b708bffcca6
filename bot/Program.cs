using EngagementBot.Bot.Endpoints;
using EngagementBot.Bot.Hosting;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Bot.Protocol.Connector;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

// The way of a message, in the order it travels:
builder.Services
    .AddChannelAuthentication(builder.Configuration)   // 1. authenticate the channel's JWT (or local mode)
    .AddTurnPipeline(builder.Configuration)            // 2. activity → middleware → routes → conversation logic
    .AddBotConnector(builder.Configuration);           // 3. replies through the Connector REST API
builder.Services.AddSingleton<IValidateOptions<BotIdentityOptions>, LocalModeGuard>();
builder.Services.AddProblemDetails();

var app = builder.Build();
LocalModeGuard.WarnIfLocalMode(app.Services);

app.MapBotMessages();                                  // POST /api/messages
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

app.Run();

/// <summary>Entry point; public so integration tests can host the real application.</summary>
public partial class Program;
