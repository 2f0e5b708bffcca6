using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EngagementBot.Storage.Tests.Conformance;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, created with the Debian server binaries
/// (<c>apt-get install -y postgresql</c>) and removed when the tests end. As root the server runs as the
/// <c>postgres</c> user (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eb-pg-" + Guid.NewGuid().ToString("N"));
    private string _bin = string.Empty;
    private int _port;

    /// <summary>Connection string of a database of this cluster.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin: install them with 'apt-get install -y postgresql' to run the PostgreSQL conformance tests.");
        _port = FreePort();
        Directory.CreateDirectory(_directory);
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres {_directory}");
        }

        await RunPostgresToolAsync("initdb", $"-D {_directory} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8");
        await RunPostgresToolAsync(
            "pg_ctl",
            $"-D {_directory} -l {_directory}/server.log -w -o \"-p {_port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_bin.Length > 0)
        {
            await RunPostgresToolAsync("pg_ctl", $"-D {_directory} -m immediate -w stop");
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Creates an empty database and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPostgresToolAsync(string tool, string arguments)
    {
        var executable = Path.Combine(_bin, tool);
        return IsRoot
            ? RunAsync("su", $"postgres -s /bin/sh -c '{executable} {arguments.Replace("'", "'\\''", StringComparison.Ordinal)}'")
            : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}

/// <summary>Tests sharing one PostgreSQL cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    /// <summary>The collection name.</summary>
    public const string Name = "PostgreSQL cluster";
}
