using System.CommandLine;
using System.Net.Sockets;
using RoboClub.Compiler;
using RoboClub.Mqtt.Broker;
using RoboClub.VirtualBoard;

namespace RoboClub.Hub;

/// <summary>
/// `roboclub` with no command: the hub. Today that is the embedded MQTT broker plus virtual boards
/// (a robot and a weather station by default), so a club without hardware has boards to program.
/// The web editor comes with the hub issue. Data (retained messages, sessions) survives restarts.
/// </summary>
internal static class HubCommand
{
    static readonly Option<int> Port = new("--port", "-p") { Description = "MQTT port of the embedded broker", DefaultValueFactory = _ => 1883 };
    static readonly Option<DirectoryInfo?> Data = new("--data") { Description = "Data folder (default: RoboClub in the user's local app-data folder)" };
    static readonly Option<int> VirtualBoards = new("--virtual-boards") { Description = "How many virtual boards to start (robots and weather stations in turn)", DefaultValueFactory = _ => 2 };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Port);
        root.Options.Add(Data);
        root.Options.Add(VirtualBoards);
        root.SetAction((p, _) => RunAsync(p.GetValue(Port), p.GetValue(Data)?.FullName, Math.Clamp(p.GetValue(VirtualBoards), 0, 50), Console.Out, Console.Error));
    }

    static async Task<int> RunAsync(int port, string? dataDirectory, int virtualBoards, TextWriter output, TextWriter error)
    {
        var log = new ConsoleLog(output, error, verbose: false);
        // Roslyn's first compile takes about a second: pay it now, not when the first child presses Run.
        _ = CompilerWarmUp.Start();
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var signals = new BrokerCommand.SignalHandlers(stop, null, log);
        string data = Path.Combine(dataDirectory ?? Program.DefaultDataDirectory, "broker");
        Directory.CreateDirectory(data);

        await using var broker = new MqttBroker(new MqttBrokerOptions { Port = port, DataDirectory = data, Log = log.Write });
        try
        {
            await broker.StartAsync().ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            await error.WriteLineAsync($"error: port {port} is already in use; is another broker (mosquitto?) running? Choose another with --port.").ConfigureAwait(false);
            return 1;
        }
        await output.WriteLineAsync($"RoboClub hub: MQTT broker on mqtt://127.0.0.1:{broker.Port} (data in {data})").ConfigureAwait(false);
        using var relay = new BroadcastRelay(broker);

        using var running = new CancellationTokenSource();
        var boards = new List<VirtualBoardHost>();
        var loops = new List<Task>();
        for (int i = 0; i < virtualBoards; i++)
        {
            bool robot = i % 2 == 0;
            string name = (robot ? "robot-" : "station-") + (i / 2 + 1);
            var host = new VirtualBoardHost(
                new VirtualBoardOptions { Club = "club1", Board = name, BrokerPort = broker.Port, Seed = i + 1 },
                VirtualParts.Create(robot ? "robot" : "weather", robot ? "obstacles" : null, null, seed: i + 1));
            await host.StartAsync().ConfigureAwait(false);
            boards.Add(host);
            loops.Add(host.RunAsync(running.Token));
            await output.WriteLineAsync($"  virtual {(robot ? "robot" : "weather station")} '{name}' in club 'club1'").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"The web editor is not built yet. Watch the boards with: mosquitto_sub -p {broker.Port} -t 'roboclub/#' -v").ConfigureAwait(false);
        await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);

        await stop.Task.ConfigureAwait(false);
        await output.WriteLineAsync("Stopping the hub...").ConfigureAwait(false);
        running.Cancel();
        await Task.WhenAll(loops).ConfigureAwait(false);
        foreach (var b in boards) await b.DisposeAsync().ConfigureAwait(false);
        await broker.StopAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Hub stopped.").ConfigureAwait(false);
        return 0;
    }
}
