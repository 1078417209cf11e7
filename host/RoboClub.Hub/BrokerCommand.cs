using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub;

/// <summary>What `roboclub broker` was asked to do, straight from the command line.</summary>
internal sealed record BrokerSettings(
    int Port,
    string? DataDirectory,
    bool Listen,
    int? WebSocketPort,
    string? ConfigFile,
    int? MaxQueued,
    bool Verbose);

/// <summary>The broker's options and what the command does beside them.</summary>
internal sealed record BrokerPlan(
    MqttBrokerOptions Options,
    MqttBrokerConfigFile? Config,
    IReadOnlyList<string> Warnings);

/// <summary>`roboclub broker`: runs the MQTT broker standalone, like mosquitto.</summary>
internal sealed class BrokerCommand : Command
{
    readonly Option<int> _port = new("--port", "-p")
    {
        Description = "TCP port for MQTT (0 picks a free port)",
        DefaultValueFactory = _ => 1883,
        HelpName = "PORT",
    };
    readonly Option<DirectoryInfo?> _data = new("--data")
    {
        Description = "Folder where retained messages and persistent sessions are saved (default: kept in memory only)",
        HelpName = "DIR",
    };
    readonly Option<bool> _listen = new("--listen")
    {
        Description = "Accept connections from the network (all interfaces), not only from this computer",
    };
    readonly Option<int?> _wsPort = new("--ws-port")
    {
        Description = "Also serve MQTT over WebSocket on this port, path /mqtt (default: off)",
        HelpName = "PORT",
    };
    readonly Option<FileInfo?> _config = new("--config", "-c")
    {
        Description = "Users, passwords and topic rules (see docs/mqtt-broker-config.md); default: anyone may connect and use any topic",
        HelpName = "FILE",
    };
    readonly Option<int?> _maxQueued = new("--max-queued")
    {
        Description = $"Messages kept for one slow or offline client before new ones are dropped; 0 = unlimited (default: {new MqttBrokerOptions().MaximumQueuedMessages})",
        HelpName = "N",
    };
    readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Log every connection and more details",
    };

    public BrokerCommand() : base("broker", "Run the RoboClub MQTT broker (MQTT 3.1.1 and 5.0) until Ctrl+C")
    {
        _port.CustomParser = r => ParseNumber(r, IPEndPoint.MaxPort, "--port must be a port number from 0 to 65535");
        _wsPort.CustomParser = r => ParseNumber(r, IPEndPoint.MaxPort, "--ws-port must be a port number from 0 to 65535");
        _maxQueued.CustomParser = r => ParseNumber(r, int.MaxValue, "--max-queued must be a number: 0 (unlimited) or more");
        Options.Add(_port);
        Options.Add(_data);
        Options.Add(_listen);
        Options.Add(_wsPort);
        Options.Add(_config);
        Options.Add(_maxQueued);
        Options.Add(_verbose);
        Subcommands.Add(new PasswdCommand());
        SetAction((parseResult, _) => RunAsync(ReadSettings(parseResult), Console.Out, Console.Error));
    }

    /// <summary>A whole number from 0 to <paramref name="max"/>, or a parse error with <paramref name="message"/>.</summary>
    static int ParseNumber(ArgumentResult result, int max, string message)
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value > max)
        {
            result.AddError($"{message} (not '{token}')");
            return 0;
        }
        return value;
    }

    internal BrokerSettings ReadSettings(ParseResult parseResult) => new(
        Port: parseResult.GetValue(_port),
        DataDirectory: parseResult.GetValue(_data)?.FullName,
        Listen: parseResult.GetValue(_listen),
        WebSocketPort: parseResult.GetValue(_wsPort),
        ConfigFile: parseResult.GetValue(_config)?.FullName,
        MaxQueued: parseResult.GetValue(_maxQueued),
        Verbose: parseResult.GetValue(_verbose));

    /// <summary>Builds the broker's options (loads the config file when one is given).</summary>
    /// <exception cref="MqttBrokerConfigException">The config file cannot be read or has an error.</exception>
    internal static BrokerPlan CreatePlan(BrokerSettings settings, Action<MqttLogLevel, string>? log)
    {
        var config = settings.ConfigFile is null ? null : MqttBrokerConfigFile.Load(settings.ConfigFile);
        var options = new MqttBrokerOptions
        {
            ListenAddress = settings.Listen ? IPAddress.Any : IPAddress.Loopback,
            Port = settings.Port,
            WebSocketPort = settings.WebSocketPort,
            DataDirectory = settings.DataDirectory,
            AllowAnonymous = config?.AllowAnonymous ?? true,
            Security = config,
            Log = log,
        };
        if (settings.MaxQueued is int maxQueued) options.MaximumQueuedMessages = maxQueued;

        var warnings = new List<string>();
        if (settings.Listen)
        {
            warnings.Add("WARNING: --listen: the broker accepts connections from every network interface, so every device on the network can reach it.");
            if (config is null)
            {
                warnings.Add("WARNING: no --config: anyone on the network can connect without a password and use any topic. Use --config with `allow_anonymous false` and users.");
            }
            else if (config.AllowAnonymous)
            {
                warnings.Add($"WARNING: {config.FilePath} allows anonymous clients (allow_anonymous true): anyone on the network can connect without a password.");
            }
        }
        return new BrokerPlan(options, config, warnings);
    }

    internal static async Task<int> RunAsync(BrokerSettings settings, TextWriter output, TextWriter error)
    {
        var log = new ConsoleLog(output, error, settings.Verbose);
        BrokerPlan plan;
        try
        {
            plan = CreatePlan(settings, log.Write);
        }
        catch (MqttBrokerConfigException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        foreach (string warning in plan.Warnings) await error.WriteLineAsync(warning).ConfigureAwait(false);
        var options = plan.Options;
        if (options.DataDirectory is not null) Directory.CreateDirectory(options.DataDirectory);

        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var signals = new SignalHandlers(stopRequested, plan.Config, log);

        MqttBroker? broker = null;
        try
        {
            broker = new MqttBroker(options);
            await broker.StartAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"RoboClub broker listening on {Describe("mqtt", options.ListenAddress, broker.Port, "")}").ConfigureAwait(false);

            if (broker.WebSocketPort is int wsPort)
            {
                await output.WriteLineAsync($"MQTT over WebSocket on {Describe("ws", options.ListenAddress, wsPort, options.WebSocketPath)}").ConfigureAwait(false);
            }
            if (plan.Config is not null)
            {
                string reload = OperatingSystem.IsWindows() ? "" : $" (reload it with: kill -HUP {Environment.ProcessId})";
                await output.WriteLineAsync($"Users and topic rules from {plan.Config.FilePath}{reload}").ConfigureAwait(false);
            }
            if (options.DataDirectory is not null)
            {
                await output.WriteLineAsync($"Saving retained messages and sessions in {options.DataDirectory}").ConfigureAwait(false);
            }
            await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);

            await stopRequested.Task.ConfigureAwait(false);

            await output.WriteLineAsync("Stopping the broker...").ConfigureAwait(false);
            await broker.StopAsync().ConfigureAwait(false);
            await output.WriteLineAsync("Broker stopped.").ConfigureAwait(false);
            return 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            await error.WriteLineAsync($"error: a port is already in use ({e.Message}); is another broker (mosquitto?) running? Choose another with --port / --ws-port.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (broker is not null) await broker.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>"mqtt://127.0.0.1:1883", or for all interfaces the addresses others can use.</summary>
    static string Describe(string scheme, IPAddress address, int port, string path)
    {
        if (!address.Equals(IPAddress.Any)) return $"{scheme}://{address}:{port}{path}";
        var lan = new List<string>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
                foreach (var a in nic.GetIPProperties().UnicastAddresses)
                {
                    if (a.Address.AddressFamily == AddressFamily.InterNetwork) lan.Add($"{scheme}://{a.Address}:{port}{path}");
                }
            }
        }
        catch (NetworkInformationException)
        {
            // only a nicety
        }
        string all = $"{scheme}://0.0.0.0:{port}{path} (all network interfaces)";
        return lan.Count == 0 ? all : $"{all}; from other devices: {string.Join(", ", lan)}";
    }

    /// <summary>Ctrl+C, SIGTERM (and closing the console window on Windows) stop the broker gracefully;
    /// a second Ctrl+C kills it. SIGHUP reloads the config file (not on Windows).</summary>
    internal sealed class SignalHandlers : IDisposable
    {
        readonly List<PosixSignalRegistration> _registrations = [];

        public SignalHandlers(TaskCompletionSource stop, MqttBrokerConfigFile? config, ConsoleLog log)
        {
            void Stop(PosixSignalContext context)
            {
                // The first signal asks for a graceful stop; later ones take the default action (exit now).
                context.Cancel = stop.TrySetResult();
            }
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop));
            if (OperatingSystem.IsWindows())
            {
                _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop));
            }
            else if (config is not null)
            {
                _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
                {
                    context.Cancel = true;
                    try
                    {
                        config.Reload();
                        log.Write(MqttLogLevel.Information, $"reloaded {config.FilePath}: {config.UserNames.Count} user(s), {config.Rules.Count} rule(s)");
                    }
                    catch (MqttBrokerConfigException e)
                    {
                        log.Write(MqttLogLevel.Error, $"{e.Message}; keeping the previous configuration");
                    }
                }));
            }
        }

        public void Dispose()
        {
            foreach (var r in _registrations) r.Dispose();
        }
    }
}
