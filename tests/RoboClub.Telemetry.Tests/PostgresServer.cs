using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RoboClub.Telemetry.Tests;

/// <summary>
/// A real PostgreSQL server for the test run: initdb into a temporary folder, started on loopback at
/// a free port (pg_ctl), stopped and deleted at the end. One server for every Postgres test class
/// (an xunit collection fixture, PostgresServerCollection; the telemetry benchmark starts one too); each test gets its own schema (<see cref="NewSchemaAsync"/>).
/// PostgreSQL refuses to run as root, so under root the server runs as the "postgres" user that
/// Debian's package creates. Not installed: every Postgres test fails and says how to install it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Collection = "PostgreSQL server";

    readonly string _bin, _dataDir;
    readonly string _durability = "";
    readonly string? _runAs;
    int _schemas;

    public int Port { get; }

    /// <summary>Connection string of the server's "postgres" database as the superuser "roboclub".</summary>
    public string AdminConnectionString { get; }

    public PostgresServer() : this(durable: false) { }

    /// <param name="durable">Keep PostgreSQL's default fsync and commit settings (benchmarks); tests turn them off for speed.</param>
    internal PostgresServer(bool durable)
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no initdb in /usr/lib/postgresql/*/bin nor on PATH. Install it with `apt-get install postgresql` " +
            "(./test.sh installs it when run as root); the PostgreSQL store's tests need a real server.");
        _runAs = Environment.IsPrivilegedProcess ? "postgres" : null;
        _dataDir = Path.Combine(Path.GetTempPath(), "roboclub-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dataDir);
        try
        {
            if (_runAs is not null) Run("chown", [$"{_runAs}:", _dataDir], asServerUser: false);
            string data = Path.Combine(_dataDir, "data");
            Run(Path.Combine(_bin, "initdb"), ["-D", data, "-U", "roboclub", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            // Durability off for tests: a test server's data may be lost in a crash, it is thrown away anyway.
            _durability = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            Port = FreePort();
            Start();
            AdminConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = Port, Username = "roboclub", Database = "postgres", Pooling = false,
            }.ConnectionString;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Starts the server (again, on the same port and data, after <see cref="Stop"/>).</summary>
    public void Start() =>
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_dataDir, "data"), "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "120", "-o",
            $"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c max_connections=200{_durability}", "start"]);

    /// <summary>Stops the server as an administrator restarting it would (fast: open sessions are ended, committed data stays).</summary>
    public void Stop() => Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_dataDir, "data"), "-m", "fast", "-w", "-t", "120", "stop"]);

    /// <summary>A new empty schema; the returned connection string puts the store's tables there.</summary>
    public async Task<string> NewSchemaAsync()
    {
        string schema = $"t{Interlocked.Increment(ref _schemas)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using (var c = new NpgsqlConnection(AdminConnectionString))
        {
            await c.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { SearchPath = schema, Pooling = true }.ConnectionString;
    }

    /// <summary>Debian keeps initdb and pg_ctl outside PATH, one folder per major version: take the newest.</summary>
    static string? FindBinaries()
    {
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out int v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
                .OrderByDescending(x => x.Version).FirstOrDefault();
            if (newest.Dir is not null) return newest.Dir;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        return null;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    void Run(string program, string[] args, bool asServerUser = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asServerUser && _runAs is not null)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", _runAs, "--", program }) start.ArgumentList.Add(a);
        }
        else start.FileName = program;
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["LC_ALL"] = "C";
        using var p = Process.Start(start)!;
        // pg_ctl start leaves the server holding stdout open: read to the end only after it exits.
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} did not finish in 3 minutes.");
        }
        if (p.ExitCode != 0)
        {
            string log = File.Exists(Path.Combine(_dataDir, "server.log")) ? File.ReadAllText(Path.Combine(_dataDir, "server.log")) : "";
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {error.Result} {log}");
        }
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(_dataDir, "data", "postmaster.pid")))
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_dataDir, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try { Directory.Delete(_dataDir, recursive: true); }
            catch (IOException) { }
        }
    }
}
