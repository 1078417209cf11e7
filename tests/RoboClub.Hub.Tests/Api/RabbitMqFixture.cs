using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RoboClub.Mqtt.Client;

namespace RoboClub.Hub.Tests.Api;

/// <summary>
/// A real RabbitMQ (Debian's rabbitmq-server) with its MQTT plugin, on free loopback ports, in a temp
/// folder (its own node name, database and logs), killed on dispose. Anonymous MQTT is allowed (as
/// guest) because the point is the broker family, not its user store.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    public const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    readonly string _directory = Directory.CreateTempSubdirectory("roboclub-rabbitmq-").FullName;
    readonly StringBuilder _output = new();
    Process? _process;

    public int MqttPort { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Server))
            throw new InvalidOperationException($"{Server} is missing: install RabbitMQ with `apt-get install rabbitmq-server` (./test.sh does it).");
        MqttPort = FreePort();
        int amqp = FreePort(), dist = FreePort();
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), $"""
            listeners.tcp.default = {amqp}
            mqtt.listeners.tcp.default = {MqttPort}
            mqtt.allow_anonymous = true
            loopback_users = none
            """);
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[rabbitmq_mqtt].");
        var psi = new ProcessStartInfo(Server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory };
        psi.Environment["HOME"] = _directory; // its Erlang cookie
        psi.Environment["RABBITMQ_NODENAME"] = $"roboclub{MqttPort}@localhost";
        psi.Environment["RABBITMQ_DIST_PORT"] = dist.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        psi.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        psi.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        psi.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq");
        psi.Environment["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "pid");
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Erlang takes a while: wait until the MQTT listener answers a CONNECT.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("rabbitmq-server exited:\n" + Output);
            try
            {
                await using var probe = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = MqttPort, ClientId = "probe", ConnectTimeout = TimeSpan.FromSeconds(2) });
                await probe.ConnectAsync();
                await probe.DisconnectAsync();
                return;
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(500);
            }
        }
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
