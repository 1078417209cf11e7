using System.CommandLine;
using RoboClub.VirtualBoard;

namespace RoboClub.Hub;

/// <summary>`roboclub virtual-board`: one virtual robot or weather station, connected to a broker
/// exactly as an ESP32 board would be (same topics and payloads).</summary>
internal sealed class VirtualBoardCommand : Command
{
    readonly Option<string> _kind = new("--kind") { Description = "robot or weather", DefaultValueFactory = _ => "robot" };
    readonly Option<string> _name = new("--name") { Description = "The board's name (lowercase letters, digits, '-')", DefaultValueFactory = _ => "virtual-1" };
    readonly Option<string> _club = new("--club") { Description = "The club's name", DefaultValueFactory = _ => "club1" };
    readonly Option<string> _broker = new("--broker") { Description = "The broker, mqtt://host:port", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
    readonly Option<string?> _arena = new("--arena") { Description = "Robot arena: empty, square, wall-ahead, obstacles, line-oval, maze (default: empty)" };
    readonly Option<FileInfo?> _replay = new("--replay") { Description = "Weather: replay readings from a CSV file (time,quantity,value) instead of the model" };
    readonly Option<double> _speed = new("--speed") { Description = "Simulated time per real time (1 = real time)", DefaultValueFactory = _ => 1.0 };
    // A hub's broker wants the board's own login (user = --name, made with `roboclub boards add-login NAME`);
    // an external broker may want other credentials.
    readonly Option<string?> _user = new("--user") { Description = "MQTT user name: on a hub, the board's name (a login made with `roboclub boards add-login NAME`)" };
    readonly Option<string?> _password = new("--password") { Description = "MQTT password (printed once by `roboclub boards add-login`)" };

    public VirtualBoardCommand() : base("virtual-board", "Run a virtual robot or weather station connected to a broker, until Ctrl+C")
    {
        Options.Add(_kind);
        Options.Add(_name);
        Options.Add(_club);
        Options.Add(_broker);
        Options.Add(_arena);
        Options.Add(_replay);
        Options.Add(_speed);
        Options.Add(_user);
        Options.Add(_password);
        SetAction((parseResult, token) => RunAsync(parseResult, token));
    }

    async Task<int> RunAsync(ParseResult p, CancellationToken token)
    {
        if (!Uri.TryCreate(p.GetValue(_broker), UriKind.Absolute, out var uri) || uri.Scheme != "mqtt")
        {
            await Console.Error.WriteLineAsync($"error: --broker must look like mqtt://host:port (not '{p.GetValue(_broker)}')").ConfigureAwait(false);
            return 1;
        }
        IVirtualParts parts;
        try
        {
            parts = VirtualParts.Create(p.GetValue(_kind)!, p.GetValue(_arena), p.GetValue(_replay)?.FullName, seed: Environment.TickCount);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        var options = new VirtualBoardOptions
        {
            Club = p.GetValue(_club)!,
            Board = p.GetValue(_name)!,
            BrokerHost = uri.Host,
            BrokerPort = uri.IsDefaultPort || uri.Port < 0 ? 1883 : uri.Port,
            Speed = Math.Clamp(p.GetValue(_speed), 0.1, 1000),
            UserName = p.GetValue(_user),
            Password = p.GetValue(_password),
        };
        await using var host = new VirtualBoardHost(options, parts);
        try
        {
            await host.StartAsync(token).ConfigureAwait(false);
        }
        catch (RoboClub.Mqtt.Client.MqttConnectException e) when (e.ReasonCode is RoboClub.Mqtt.MqttReasonCode.BadUserNameOrPassword
            or RoboClub.Mqtt.MqttReasonCode.NotAuthorized or RoboClub.Mqtt.MqttReasonCode.ClientIdentifierNotValid)
        {
            await Console.Error.WriteLineAsync($"error: the broker at {uri} refused board '{options.Board}' ({e.ReasonCode}). On a hub, --user is the board's name and --password the one `roboclub boards add-login {options.Board}` printed.").ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"eroare: brokerul de la {uri} a refuzat plăcuța „{options.Board}” ({e.ReasonCode}). La un hub, --user este numele plăcuței, iar --password parola afișată de `roboclub boards add-login {options.Board}`.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is RoboClub.Mqtt.Client.MqttCommunicationException)
        {
            await Console.Error.WriteLineAsync($"error: cannot reach the broker at {uri}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        await Console.Out.WriteLineAsync($"Virtual {parts.Kind.ToString().ToLowerInvariant()} '{options.Board}' of club '{options.Club}' connected to {uri}. Press Ctrl+C to stop.").ConfigureAwait(false);
        // Ctrl+C / SIGTERM: stop the board (motors off, clean disconnect) instead of dying mid-step.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var signals = new BrokerCommand.SignalHandlers(stop, null, new ConsoleLog(Console.Out, Console.Error, verbose: false));
        using var running = CancellationTokenSource.CreateLinkedTokenSource(token);
        var loop = host.RunAsync(running.Token);
        await Task.WhenAny(stop.Task, loop).ConfigureAwait(false);
        running.Cancel();
        await loop.ConfigureAwait(false);
        await Console.Out.WriteLineAsync("Virtual board stopped.").ConfigureAwait(false);
        return 0;
    }
}
