using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EngagementBot.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>
/// The Cosmos DB emulator <c>@zeit/cosmosdb-server@0.13.4</c> (npm, installed by this folder's package-lock.json;
/// <c>./test.sh</c> runs <c>npm ci</c>) started on 127.0.0.1 and a free port, HTTPS with a self-signed certificate.
/// The emulator answers 500 instead of 404 when a point read misses (it dereferences the missing document in
/// <c>lib/handler/read-document.js</c>); the fixture applies a one-line patch (<c>if (!data || …)</c>) after npm
/// install so misses read as 404 like the real service. Each test gets its own database.
/// </summary>
public sealed class CosmosEmulator : IAsyncLifetime
{
    /// <summary>The emulator's well-known account key (the same as Microsoft's emulator; not a secret).</summary>
    public const string WellKnownKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private const string UnpatchedLine = "if (data[path] !== clientKeys[i]) {";

    private const string PatchedLine = "if (!data || data[path] !== clientKeys[i]) {";

    // The server numbers databases 1, 2, 3… and writes the number into a base64 resource id that goes into URL paths
    // (e.g. the partition key ranges of a query). Database 63 gets "gAA/AA==": the '/' splits the path and every query
    // in that database fails with 404 "stale cache". Patched: numbers whose id would hold '/' or '+' are skipped.
    private const string UnpatchedDatabaseRid = """
            const idString = ((id << 8) | 0x80000000).toString();
            return resource_id_1.default.newDatabaseId(idString).toString();
    """;

    private const string PatchedDatabaseRid = """
            let rid = resource_id_1.default.newDatabaseId(((id << 8) | 0x80000000).toString()).toString();
            while (/[\/+]/.test(rid)) { id += 1; this._ridCount = id; rid = resource_id_1.default.newDatabaseId(((id << 8) | 0x80000000).toString()).toString(); }
            return rid;
    """;

    private Process? _process;

    /// <summary>The HTTPS endpoint.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var package = FindPackage() ?? throw new InvalidOperationException(
            "@zeit/cosmosdb-server is not installed: run 'npm ci' in tests/EngagementBot.Storage.Tests (./test.sh does it).");
        Patch(Path.Combine(package, "lib", "handler", "read-document.js"), UnpatchedLine, PatchedLine, "missing-document");
        Patch(Path.Combine(package, "lib", "account", "databases.js"), UnpatchedDatabaseRid, PatchedDatabaseRid, "database resource id");
        var port = FreePort();
        Endpoint = new Uri($"https://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("node", [Path.Combine(package, "lib", "cli.js"), "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not start the Cosmos emulator.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Storage settings for a fresh database on the emulator.</summary>
    public Dictionary<string, string?> Settings(string databaseName) => new()
    {
        ["Storage:Provider"] = "Cosmos",
        ["Storage:Cosmos:AccountEndpoint"] = Endpoint.AbsoluteUri,
        ["Storage:Cosmos:Authentication"] = "AccountKey",
        ["Storage:Cosmos:AccountKey"] = WellKnownKey,
        ["Storage:Cosmos:ConnectionMode"] = "Gateway",
        ["Storage:Cosmos:LimitToEndpoint"] = "true",
        ["Storage:Cosmos:DatabaseName"] = databaseName,
        ["Storage:Cosmos:CreateContainersOnStartup"] = "true",
    };

    /// <summary>TEST ONLY: trusts the emulator's self-signed certificate.</summary>
    public static CosmosClientCustomization TrustSelfSignedCertificate { get; } = new(options =>
        options.HttpClientFactory = () => new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }));

    private static string? FindPackage()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", "@zeit", "cosmosdb-server");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Patch(string file, string unpatched, string patched, string what)
    {
        var source = File.ReadAllText(file);
        if (source.Contains(unpatched, StringComparison.Ordinal))
        {
            File.WriteAllText(file, source.Replace(unpatched, patched, StringComparison.Ordinal));
        }
        else if (!source.Contains(patched, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file} changed: the {what} patch no longer applies (is the version still 0.13.4?).");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Shares one emulator process among the Cosmos test classes.</summary>
[CollectionDefinition(Name)]
public sealed class CosmosCollection : ICollectionFixture<CosmosEmulator>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Cosmos emulator";
}
