using EngagementBot.Bot.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// The real bot application (its own Program), served by Kestrel on a free 127.0.0.1 port, with
/// configuration overrides and optional extra services. <see cref="BaseAddress"/> is the bot's origin.
/// </summary>
public sealed class BotApplicationFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly string _environment;

    public BotApplicationFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null, string environment = "Development")
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Storage:DataFolder"] = DataFolder,

            // The demo project's key dates are fixed while the tests run on the real calendar: a reminder worker that
            // happens to run inside a key date's lead time would add its own notifications to what a test counts.
            // Reminder tests run the scheduler themselves, with a controlled clock.
            ["Publishing:RemindersEnabled"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        _configureServices = configureServices;
        _environment = environment;
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
    }

    /// <summary>A fresh folder for this instance's SQLite database (deleted on dispose).</summary>
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "engagementbot-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The bot's origin, e.g. http://127.0.0.1:45123.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }

    /// <summary>Adds a test middleware at the end of the pipeline (just before the routes).</summary>
    public static Action<IServiceCollection> WithMiddleware<T>()
        where T : class, ITurnMiddleware => services => services.AddSingleton<ITurnMiddleware, T>();
}
