using System.Diagnostics;
using System.Globalization;
using System.Net;
using EngagementBot.Storage;
using Microsoft.Data.Sqlite;

// Outbox fan-out benchmark (docs/outbox.md):
//   1. a loopback Bot Connector that accepts every message and counts them (no throttling, no faults);
//   2. a SQLite file with N subscribed participants, their conversation references, one Queued notification and
//      N Pending deliveries (the schema through the storage layer's migrator; the rows by bulk SQL, not measured);
//   3. the real bot as a separate process (bot/bin/Release/net10.0/EngagementBot.Bot.dll) whose dispatcher sends them;
//   4. measured: first message → last message, first message → every outcome recorded, peak RSS of the bot (VmHWM).
// Usage: dotnet run -c Release --project bench/EngagementBot.Outbox.Bench -- [--recipients 100000] [--concurrency 64]
//        [--batch 500]
var recipients = Arg("--recipients", 100_000);
var concurrency = Arg("--concurrency", 64);
var batch = Arg("--batch", 500);
var root = FindRoot();
var botDll = Path.Combine(root, "bot", "bin", "Release", "net10.0", "EngagementBot.Bot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"Build the bot first (dotnet build EngagementBot.sln -c Release): {botDll} is missing.");
    return 2;
}

var folder = Path.Combine(Path.GetTempPath(), "engagementbot-outbox-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    // 1. Connector.
    long accepted = 0, firstTicks = 0, lastTicks = 0;
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    await using var connector = builder.Build();
    connector.MapPost("/v3/conversations/{conversationId}/activities", async (HttpContext http) =>
    {
        await http.Request.Body.CopyToAsync(Stream.Null);
        var n = Interlocked.Increment(ref accepted);
        var now = Stopwatch.GetTimestamp();
        if (n == 1)
        {
            Interlocked.Exchange(ref firstTicks, now);
        }

        Interlocked.Exchange(ref lastTicks, now);
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("{\"id\":\"" + n.ToString(CultureInfo.InvariantCulture) + "\"}");
    });
    await connector.StartAsync();
    var serviceUrl = connector.Urls.First().TrimEnd('/') + "/";

    // 2. Database: schema by the storage layer's migrator, rows by bulk SQL.
    var seedWatch = Stopwatch.StartNew();
    var storageHost = Host.CreateApplicationBuilder();
    storageHost.Logging.ClearProviders();
    storageHost.Configuration["Storage:Provider"] = "Sqlite";
    storageHost.Configuration["Storage:DataFolder"] = folder;
    storageHost.Services.AddEngagementStorage(storageHost.Configuration);
    using (var host = storageHost.Build())
    {
        await host.StartAsync();
        await host.StopAsync();
    }

    var notificationId = await SeedAsync(Path.Combine(folder, "engagementbot.db"), serviceUrl, recipients);
    SqliteConnection.ClearAllPools();
    Console.WriteLine($"seeded {recipients:N0} deliveries in {seedWatch.Elapsed.TotalSeconds:F1} s");

    // 3. The bot.
    var info = new ProcessStartInfo("dotnet", [botDll]) { WorkingDirectory = Path.GetDirectoryName(botDll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    var settings = new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Urls"] = "http://127.0.0.1:0",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Storage__DataFolder"] = folder,
        ["Dispatch__Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        ["Dispatch__BatchSize"] = batch.ToString(CultureInfo.InvariantCulture),
        ["Dispatch__PollInterval"] = "00:00:00.050",
        ["Dispatch__QuietHours__Enabled"] = "false",
        ["Dispatch__RateLimits__PerConversationPerSecond"] = "0",
        ["Dispatch__RateLimits__PerTenantPerSecond__msteams"] = "0",
    };
    foreach (var (key, value) in settings)
    {
        info.Environment[key] = value;
    }

    var startWatch = Stopwatch.StartNew();
    using var bot = Process.Start(info)!;
    bot.OutputDataReceived += (_, _) => { };
    bot.ErrorDataReceived += (_, e) =>
    {
        if (e.Data is not null)
        {
            Console.Error.WriteLine("bot: " + e.Data);
        }
    };
    bot.BeginOutputReadLine();
    bot.BeginErrorReadLine();

    var deadline = TimeSpan.FromMinutes(10);
    while (Interlocked.Read(ref accepted) < recipients && startWatch.Elapsed < deadline && !bot.HasExited)
    {
        await Task.Delay(20);
    }

    var sentAt = Stopwatch.GetTimestamp();
    while (await UnfinishedAsync(Path.Combine(folder, "engagementbot.db"), notificationId) > 0 && startWatch.Elapsed < deadline && !bot.HasExited)
    {
        await Task.Delay(20);
    }

    var recordedAt = Stopwatch.GetTimestamp();
    var peakRss = PeakRssMegabytes(bot.Id);
    bot.Kill();
    await bot.WaitForExitAsync();

    var first = Interlocked.Read(ref firstTicks);
    var send = Stopwatch.GetElapsedTime(first, Interlocked.Read(ref lastTicks));
    var recorded = Stopwatch.GetElapsedTime(first, recordedAt);
    Console.WriteLine($"recipients {recipients:N0}, accepted {Interlocked.Read(ref accepted):N0} (concurrency {concurrency}, batch {batch})");
    Console.WriteLine($"first → last message: {send.TotalSeconds:F2} s ({recipients / send.TotalSeconds:N0} msg/s)");
    Console.WriteLine($"first message → all outcomes recorded: {recorded.TotalSeconds:F2} s; bot start → recorded: {startWatch.Elapsed.TotalSeconds:F2} s");
    Console.WriteLine($"bot peak RSS (VmHWM): {peakRss} MB");
    _ = sentAt;
    return Interlocked.Read(ref accepted) == recipients ? 0 : 1;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EngagementBot.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}

static long PeakRssMegabytes(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
    }

    return -1;
}

static async Task<long> UnfinishedAsync(string file, string notificationId)
{
    await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT COUNT(*) FROM deliveries WHERE notification_id = $id AND status IN ('Pending', 'Sending')";
    command.Parameters.AddWithValue("$id", notificationId);
    return (long)(await command.ExecuteScalarAsync())!;
}

static async Task<string> SeedAsync(string file, string serviceUrl, int count)
{
    var now = DateTimeOffset.UtcNow.UtcTicks;
    var notificationId = "bench-" + Guid.NewGuid().ToString("N");
    await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
    await connection.OpenAsync();
    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
    await using (var notification = connection.CreateCommand())
    {
        notification.CommandText =
            "INSERT INTO notifications (id, project_slug, topic, title_fr, title_en, body_fr, body_en, link, created_by, created_at, status, etag, kind) " +
            "VALUES ($id, 'parc-des-berges', 'News', 'Nouvelles du parc', 'Park news', 'Les travaux avancent.', 'Work is progressing.', NULL, 'bench', $now, 'Queued', 'e', 'News')";
        notification.Parameters.AddWithValue("$id", notificationId);
        notification.Parameters.AddWithValue("$now", now);
        await notification.ExecuteNonQueryAsync();
    }

    var participant = Command(connection, "INSERT INTO participants (id, channel_id, user_id, aad_object_id, preferred_language, created_at, consents, etag) VALUES ($id, 'msteams', $user, NULL, $lang, $now, '[]', 'e')", "$id", "$user", "$lang", "$now");
    var subscription = Command(connection, "INSERT INTO participant_subscriptions (participant_id, project_slug, topic) VALUES ($id, 'parc-des-berges', 'news')", "$id");
    var reference = Command(connection,
        "INSERT INTO conversation_references (id, participant_id, channel_id, service_url, conversation_id, conversation_type, tenant_id, user_id, aad_object_id, bot_id, locale, last_confirmed_at, reachability, etag) " +
        "VALUES ($id, $participant, 'msteams', $url, $conversation, 'personal', 'tenant-1', $user, NULL, '28:bot', NULL, $now, 'Reachable', 'e')",
        "$id", "$participant", "$url", "$conversation", "$user", "$now");
    var delivery = Command(connection,
        "INSERT INTO deliveries (id, notification_id, participant_id, conversation_reference_id, idempotency_key, status, attempts, next_attempt_at, lease_owner, lease_expires_at, last_error, sent_at, created_at, updated_at, etag) " +
        "VALUES ($id, $notification, $participant, $reference, $key, 'Pending', 0, NULL, NULL, NULL, NULL, NULL, $now, $now, 'e')",
        "$id", "$notification", "$participant", "$reference", "$key", "$now");
    foreach (var command in new[] { participant, subscription, reference, delivery })
    {
        command.Transaction = transaction;
    }

    for (var i = 0; i < count; i++)
    {
        var n = i.ToString("D7", CultureInfo.InvariantCulture);
        var participantId = "p" + n;
        var referenceId = "r" + n;
        Set(participant, participantId, "user-" + n, i % 3 == 0 ? "en" : "fr", now);
        await participant.ExecuteNonQueryAsync();
        Set(subscription, participantId);
        await subscription.ExecuteNonQueryAsync();
        Set(reference, referenceId, participantId, serviceUrl, "conv-" + n, "user-" + n, now);
        await reference.ExecuteNonQueryAsync();
        Set(delivery, "d" + n, notificationId, participantId, referenceId, notificationId + ":" + referenceId, now);
        await delivery.ExecuteNonQueryAsync();
    }

    await transaction.CommitAsync();
    return notificationId;

    static SqliteCommand Command(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
