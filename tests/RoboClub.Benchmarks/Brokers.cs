using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RoboClub.Benchmarks;

/// <summary>
/// A broker process the load runs against. Each broker runs as its own process on loopback so
/// that neither shares a runtime, GC or thread pool with the load generator.
/// </summary>
abstract class BrokerUnderTest : IAsyncDisposable
{
    readonly Queue<string> _output = new();
    Process? _process;

    /// <summary>"ours" or "mosquitto".</summary>
    public abstract string Name { get; }
    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Starts the broker on 127.0.0.1:<paramref name="port"/> and waits until it answers CONNECT.</summary>
    public abstract Task StartAsync(int port, CancellationToken cancellationToken);

    /// <summary>CPU time (user + system) the broker process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (_process is null || _process.HasExited) return TimeSpan.Zero;
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident memory of the broker process (VmHWM), MB; NaN when unknown.</summary>
    public double PeakResidentMegabytes => StatusMegabytes("VmHWM:");

    /// <summary>A kB line of /proc/PID/status, in MB.</summary>
    double StatusMegabytes(string field)
    {
        try
        {
            if (_process is null || _process.HasExited) return double.NaN;
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return double.Parse(line[field.Length..].Trim().Split(' ')[0]) / 1024.0;
        }
        catch (IOException) { }
        return double.NaN;
    }

    /// <summary>Resident memory of the broker process now (VmRSS), MB; NaN when unknown.</summary>
    public double ResidentMegabytes => StatusMegabytes("VmRSS:");

    /// <summary>The last lines the broker wrote (for error messages).</summary>
    public string RecentOutput
    {
        get { lock (_output) return string.Join(Environment.NewLine, _output); }
    }

    protected async Task LaunchAsync(string fileName, IEnumerable<string> arguments, int port, TimeSpan readyTimeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => Keep(e.Data);
        p.ErrorDataReceived += (_, e) => Keep(e.Data);
        if (!p.Start()) throw new InvalidOperationException($"could not start {fileName}");
        _process = p;
        p.BeginOutputReadLine(); // always drained: a full pipe would stall the broker
        p.BeginErrorReadLine();
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);

        var sw = Stopwatch.StartNew();
        var probeState = new PhaseState(new PhaseSpec { Name = "probe", MessagesPerPublisher = 1 });
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (p.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {p.ExitCode} during start-up:{Environment.NewLine}{RecentOutput}");
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(TimeSpan.FromSeconds(2));
                var c = await BenchConnection.ConnectAsync(EndPoint, "rcbench-probe", false, 1024, cts.Token).ConfigureAwait(false);
                c.StartReceiving(probeState);
                await c.CloseAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (sw.Elapsed > readyTimeout)
                    throw new TimeoutException($"{Name} did not accept an MQTT connection on port {port} within {readyTimeout.TotalSeconds:0} s ({e.Message}):{Environment.NewLine}{RecentOutput}");
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40) _output.Dequeue();
        }
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    static extern int SysKill(int pid, int signal);

    /// <summary>SIGTERM, then SIGKILL after 5 s.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        var p = _process;
        _process = null;
        if (p is null) return;
        try
        {
            if (!p.HasExited)
            {
                if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) SysKill(p.Id, 15);
                else p.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try { await p.WaitForExitAsync(cts.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync().ConfigureAwait(false); }
            }
        }
        catch (InvalidOperationException) { /* never started */ }
        p.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        l.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)l.LocalEndPoint!).Port;
    }
}

/// <summary>
/// mosquitto with the fair configuration of the MQTT testing guide: no persistence, no logging,
/// unlimited connections and queues, the same in-flight window as ours.
/// </summary>
sealed class MosquittoBroker(string executable, int maxInflight, bool noDelay) : BrokerUnderTest
{
    string? _dir;

    public override string Name => "mosquitto";

    /// <summary>The config file. <paramref name="noDelay"/> adds <c>set_tcp_nodelay true</c>: without it
    /// mosquitto's writes wait for Nagle + the subscriber's delayed ACK (~40 ms kernel timer), which
    /// dominates its p99 at a fixed rate and says nothing about the broker itself.</summary>
    public static string ConfigText(int port, int maxInflight, bool noDelay) => string.Join('\n',
        $"listener {port} 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "log_dest none",
        "max_connections -1",
        "max_queued_messages 0",
        $"max_inflight_messages {maxInflight}",
        noDelay ? "set_tcp_nodelay true\n" : "");

    public override async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        if (!File.Exists(executable))
            throw new FileNotFoundException($"{executable} not found: apt-get install -y mosquitto (or pass --mosquitto PATH)");
        _dir = Directory.CreateTempSubdirectory("rcbench-mosquitto-").FullName;
        string conf = Path.Combine(_dir, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, ConfigText(port, maxInflight, noDelay), cancellationToken).ConfigureAwait(false);
        await LaunchAsync(executable, ["-c", conf], port, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        if (_dir is not null) try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

/// <summary>
/// RoboClub's broker as a separate process: <c>dotnet roboclub.dll broker --port N --max-queued 0</c>
/// (the `roboclub` command from host/RoboClub.Hub, Release build). Builds it when the dll is missing
/// or older than the broker sources.
/// </summary>
sealed class RoboClubBroker(string? dllOverride) : BrokerUnderTest
{
    static readonly SemaphoreSlim s_buildOnce = new(1, 1);
    static string? s_dll;
    static Exception? s_buildFailure; // a failed build is not retried for every scenario

    public override string Name => "ours";

    public override async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        string dll = await LocateAsync(dllOverride, cancellationToken).ConfigureAwait(false);
        await LaunchAsync("dotnet", [dll, "broker", "--port", port.ToString(), "--max-queued", "0"], port, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<string> LocateAsync(string? dllOverride, CancellationToken cancellationToken)
    {
        if (dllOverride is not null)
            return File.Exists(dllOverride) ? Path.GetFullPath(dllOverride) : throw new FileNotFoundException($"--roboclub {dllOverride} does not exist");
        await s_buildOnce.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (s_dll is not null) return s_dll;
            if (s_buildFailure is not null) throw new InvalidOperationException(s_buildFailure.Message, s_buildFailure);
            string root = RepoRoot.Find();
            string dll = Path.Combine(root, "host", "RoboClub.Hub", "bin", "Release", "net10.0", "roboclub.dll");
            if (!File.Exists(dll) || IsStale(root, dll))
            {
                string project = Path.Combine(root, "host", "RoboClub.Hub", "RoboClub.Hub.csproj");
                Console.Error.WriteLine($"building {project} (Release) ...");
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "build", project, "-c", "Release", "-nologo", "-v", "q" }) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(TimeSpan.FromMinutes(5));
                await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
                if (p.ExitCode != 0 || !File.Exists(dll))
                {
                    string log = (await stdout.ConfigureAwait(false)) + await stderr.ConfigureAwait(false);
                    var tail = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(10);
                    s_buildFailure = new InvalidOperationException($"building the roboclub command failed (exit {p.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
                    throw s_buildFailure;
                }
            }
            return s_dll = dll;
        }
        finally
        {
            s_buildOnce.Release();
        }
    }

    /// <summary>True when a source of the broker or the command is newer than the built dll.</summary>
    static bool IsStale(string root, string dll)
    {
        var built = File.GetLastWriteTimeUtc(dll);
        foreach (var project in new[] { "RoboClub.Mqtt", "RoboClub.Hub" })
        {
            var dir = Path.Combine(root, "host", project);
            foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                if (f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") || f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")) continue;
                if ((f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)) && File.GetLastWriteTimeUtc(f) > built) return true;
            }
        }
        return false;
    }
}

static class RepoRoot
{
    /// <summary>The folder holding RoboClub.sln, searched upwards from the binary and from the current directory.</summary>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "RoboClub.sln"))) return d.FullName;
        }
        throw new DirectoryNotFoundException("RoboClub.sln not found above the benchmark binary or the current directory");
    }
}
