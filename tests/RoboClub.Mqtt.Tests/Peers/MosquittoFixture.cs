using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoboClub.Mqtt.Tests.Peers;

/// <summary>What the <see cref="MosquittoFixture"/> broker is configured with.</summary>
public sealed class MosquittoConfig
{
    /// <summary>Keep sessions and retained messages in a temp directory across restarts.</summary>
    public bool Persistence { get; set; }
    /// <summary>User name → password; when set, a password file is created and anonymous clients are refused.</summary>
    public Dictionary<string, string>? Users { get; set; }
    /// <summary>acl_file lines (e.g. "user alice", "topic readwrite #"); null: no ACL file.</summary>
    public List<string>? Acl { get; set; }
    /// <summary>Raw lines appended to mosquitto.conf (e.g. "max_inflight_messages 5").</summary>
    public List<string> ExtraLines { get; set; } = new();
}

/// <summary>
/// A real mosquitto on a free 127.0.0.1 port, for tests. As an xunit class fixture it starts with
/// the default config (anonymous, no persistence); <see cref="StartAsync(MosquittoConfig?)"/> starts
/// one with a custom config. Supports stop/restart on the same port, SIGSTOP/SIGCONT (a broker that
/// stops answering) and keeps mosquitto's log for failure messages. Killed on dispose.
/// </summary>
public sealed class MosquittoFixture : IAsyncLifetime, IAsyncDisposable, IBrokerEndpoint
{
    public const string Executable = "/usr/sbin/mosquitto";

    static readonly List<Process> s_running = new();

    static MosquittoFixture()
    {
        // A crashed or aborted test run must not leave brokers behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (s_running) foreach (var p in s_running) { try { p.Kill(); } catch { /* gone */ } }
        };
    }

    readonly MosquittoConfig _config;
    readonly string _directory;
    readonly StringBuilder _log = new();
    Process? _process;

    /// <summary>Default config; xunit calls this for IClassFixture (it needs one public constructor).</summary>
    public MosquittoFixture() : this(new MosquittoConfig()) { }

    MosquittoFixture(MosquittoConfig config)
    {
        _config = config;
        _directory = Directory.CreateTempSubdirectory("roboclub-mosquitto-").FullName;
    }

    public static async Task<MosquittoFixture> StartAsync(MosquittoConfig? config = null)
    {
        var fixture = new MosquittoFixture(config ?? new MosquittoConfig());
        try { await fixture.StartAsync(); }
        catch { await fixture.DisposeAsync(); throw; }
        return fixture;
    }

    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public bool IsRunning => _process is { HasExited: false };
    public string ConfigPath => Path.Combine(_directory, "mosquitto.conf");

    /// <summary>What mosquitto wrote to stderr (its log), for assertion messages.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Starts the broker (again, on the same port after <see cref="StopAsync"/>) and waits
    /// until it accepts TCP connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("mosquitto is already running");
        bool firstStart = Port == 0;
        for (int attempt = 0; ; attempt++)
        {
            if (firstStart) Port = FreeLoopbackPort();
            await WriteConfigAsync();
            try
            {
                await LaunchAsync();
                return;
            }
            catch (InvalidOperationException) when (firstStart && attempt < 3 && Log.Contains("Address already in use"))
            {
                // Another process took the port between our probe and mosquitto's bind: pick another.
            }
        }
    }

    /// <summary>Kills the broker (SIGKILL: clients see the connection drop without DISCONNECT).</summary>
    public async Task StopAsync()
    {
        var p = _process;
        _process = null;
        if (p is null) return;
        try { p.Kill(); } catch (InvalidOperationException) { /* already exited */ }
        await p.WaitForExitAsync();
        lock (s_running) s_running.Remove(p);
        p.Dispose();
    }

    /// <summary>SIGTERM: mosquitto closes its clients and, with <see cref="MosquittoConfig.Persistence"/>,
    /// saves its sessions and queued messages before it exits (as `systemctl restart mosquitto` does).</summary>
    public async Task StopGracefullyAsync()
    {
        var p = _process;
        if (p is null) return;
        Signal("TERM");
        if (!p.WaitForExit(TimeSpan.FromSeconds(30))) p.Kill();
        await StopAsync();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>SIGSTOP: the broker keeps its sockets open but answers nothing (a hung server).</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("CONT");

    void Signal(string signal)
    {
        var p = _process ?? throw new InvalidOperationException("mosquitto is not running");
        using var kill = Process.Start("kill", $"-{signal} {p.Id}");
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {p.Id} failed");
    }

    public async ValueTask DisposeAsync()
    {
        try { Resume(); } catch { /* not paused or not running */ }
        await StopAsync();
        try { Directory.Delete(_directory, recursive: true); } catch { /* best effort */ }
    }

    static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    async Task WriteConfigAsync()
    {
        var conf = new StringBuilder()
            .AppendLine($"listener {Port} 127.0.0.1")
            // As root, mosquitto would switch to user "mosquitto", which cannot read our temp directory.
            .AppendLine($"user {Environment.UserName}")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            .AppendLine("max_queued_messages 0");
        if (_config.Users is { Count: > 0 } users)
        {
            string passwordFile = Path.Combine(_directory, "passwords");
            if (!File.Exists(passwordFile))
            {
                bool create = true;
                foreach (var (user, password) in users)
                {
                    await RunAsync("mosquitto_passwd", create ? ["-c", "-b", passwordFile, user, password] : ["-b", passwordFile, user, password]);
                    create = false;
                }
            }
            conf.AppendLine("allow_anonymous false").AppendLine($"password_file {passwordFile}");
        }
        else
        {
            conf.AppendLine("allow_anonymous true");
        }
        if (_config.Acl is { } acl)
        {
            string aclFile = Path.Combine(_directory, "acl");
            await File.WriteAllLinesAsync(aclFile, acl);
            conf.AppendLine($"acl_file {aclFile}");
        }
        if (_config.Persistence)
        {
            conf.AppendLine("persistence true").AppendLine($"persistence_location {_directory}/");
        }
        else
        {
            conf.AppendLine("persistence false");
        }
        foreach (var line in _config.ExtraLines) conf.AppendLine(line);
        await File.WriteAllTextAsync(ConfigPath, conf.ToString());
    }

    async Task LaunchAsync()
    {
        if (!File.Exists(Executable)) throw new InvalidOperationException($"{Executable} is missing: apt-get install mosquitto");
        var psi = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(ConfigPath);
        var p = new Process { StartInfo = psi };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        p.Start();
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        lock (s_running) s_running.Add(p);
        _process = p;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (p.HasExited)
            {
                await StopAsync();
                throw new InvalidOperationException($"mosquitto exited during start-up:\n{Log}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }
        }
    }

    static async Task RunAsync(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string stderr = await p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {stderr}");
    }
}
