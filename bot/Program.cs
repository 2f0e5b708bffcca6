using EngagementBot.Bot.Conversation;
using EngagementBot.Bot.DirectLine;
using EngagementBot.Bot.Endpoints;
using EngagementBot.Bot.Hosting;
using EngagementBot.Bot.Insights;
using EngagementBot.Bot.Operations;
using EngagementBot.Bot.Proactive;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Staff;
using EngagementBot.Bot.WebChat;
using EngagementBot.Dialogs;
using EngagementBot.Dialogs.AskStaff;
using EngagementBot.Dialogs.ProjectInfo;
using EngagementBot.Dialogs.Publishing;
using EngagementBot.Storage;
using Microsoft.Extensions.Options;

if (BotCommandLine.IsCommand(args))
{
    return await BotCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);

// The way of a message, in the order it travels:
builder.Services
    .AddChannelAuthentication(builder.Configuration)   // 1. authenticate the channel's JWT (or local mode)
    .AddTurnPipeline(builder.Configuration)            // 2. activity → middleware → routes → conversation logic
    .AddBotConnector(builder.Configuration)            // 3. replies through the Connector REST API
    .AddEmbeddedDirectLine(builder.Configuration)      // local: Direct Line 3.0 for the Web Chat page
    .AddEngagementStorage(builder.Configuration)       // projects, consultations, participants, state (SQLite by default)
    .AddConsultationDialogs(builder.Configuration)     // 2b. dialogs: consultation runner, global commands (FR/EN)
    .AddProactiveMessaging()                           // 3b. replies sent later into stored conversations
    .AddProactiveDispatch(builder.Configuration)       // 3c. outbox dispatcher: leased batches, rate limits, quiet hours, cap
    .AddOperations(builder.Configuration);             // health checks, Web Chat token endpoint, graceful shutdown
builder.Services.AddPublishing(builder.Configuration);  // staff publishing: fan-out, personal composer, "publish" command, reminders
builder.Services.AddStaffApi(builder.Configuration);    // staff REST API (/api/staff/…) + OpenAPI document
builder.Services.AddProjectInfo();                     // project answers: status, timeline, key dates, news, listeners, results, impact, FAQ
builder.Services.AddAskStaff(builder.Configuration);   // ask-staff loop: citizen questions, staff "questions"/"answer", overdue notices
builder.Services.AddInsights(builder.Configuration);      // staff "summary"/"theme" reports (background) + signed CSV/HTML exports
builder.Services.AddScoped<ParticipantRegistry>();
builder.Services.AddSingleton<KnownConversationReferences>();
builder.Services.AddSingleton<IValidateOptions<BotIdentityOptions>, LocalModeGuard>();
builder.Services.AddProblemDetails();

var app = builder.Build();
LocalModeGuard.WarnIfLocalMode(app.Services);

app.UseWebSockets();
app.UseOperations();                                   // CORS + rate limiter of the public Web Chat token endpoint
app.MapBotMessages();                                  // POST /api/messages
app.MapEmbeddedDirectLine();                           // /v3/directline/… and the Connector routes it serves
app.MapWebChatPage();                                  // GET / (when Direct Line is enabled)
app.MapOperations();                                   // /health/live, /health/ready, POST /api/webchat/token
app.MapStaffApi();                                     // /api/staff/… (publish, progress) and /api/staff/openapi.json
app.MapInsightsExports();                              // GET /api/insights/responses.csv and report.html (signed staff links)

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the real application.</summary>
public partial class Program;
