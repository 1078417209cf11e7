using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RoboClub.Board.Image;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;
using RoboClub.Mqtt.Client;
using RoboClub.VirtualBoard;
using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard.Tests.EndToEnd;

/// <summary>
/// A program image runs on a virtual weather station and a virtual robot that reach the hub through
/// a real RoboClub.Mqtt broker; what they send arrives on the topics and in the payloads of
/// docs/protocol.md, read by an independent MQTT client as the hub would.
/// </summary>
public sealed class VirtualBoardsOverBrokerTests : IAsyncLifetime
{
    MqttBroker _broker = null!;
    MqttClient _hub = null!;
    readonly ConcurrentQueue<(string Topic, string Text, bool Retain)> _seen = new();

    public async Task InitializeAsync()
    {
        _broker = new MqttBroker(new MqttBrokerOptions { Port = 0, SysInterval = TimeSpan.Zero });
        await _broker.StartAsync();
        _hub = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = _broker.Port, ClientId = "hub", ProtocolVersion = MqttProtocolVersion.V500 });
        _hub.ApplicationMessageReceivedAsync += e =>
        {
            _seen.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.PayloadAsString(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await _hub.ConnectAsync();
        await _hub.SubscribeAsync("roboclub/club1/#", MqttQualityOfServiceLevel.AtLeastOnce);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _broker.DisposeAsync();
    }

    VirtualBoardHost Host(string board, IVirtualParts parts) =>
        new(new VirtualBoardOptions { Club = "club1", Board = board, BrokerPort = _broker.Port, Seed = 7 }, parts);

    /// <summary>Steps the board (simulated time) until the condition holds, letting MQTT traffic flow.</summary>
    static async Task StepUntilAsync(VirtualBoardHost host, Func<bool> condition, string what, int maxSimulatedMs = 120_000)
    {
        for (int t = 0; t < maxSimulatedMs; t += 100)
        {
            if (condition()) return;
            host.Step(100);
            await Task.Delay(2);
        }
        Assert.Fail($"timed out waiting for: {what}");
    }

    IEnumerable<JsonElement> Payloads(string topic) =>
        _seen.Where(m => m.Topic == topic).Select(m => JsonDocument.Parse(m.Text).RootElement);

    Task PublishAsync(string topic, byte[] payload, bool retain = false) =>
        _hub.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = payload, Retain = retain, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });

    [Fact]
    public async Task A_weather_station_plots_and_prints_what_its_program_reads()
    {
        await using var station = Host("station-1", VirtualParts.Create("weather", null, null, seed: 7));
        await station.StartAsync();
        await StepUntilAsync(station, () => Payloads("roboclub/club1/station-1/info").Any(), "info");
        var info = Payloads("roboclub/club1/station-1/info").First();
        Assert.Equal("weather", info.GetProperty("kind").GetString());
        Assert.Contains("weather.temperature", info.GetProperty("primitives").EnumerateArray().Select(e => e.GetString()));

        // Every second: plot the temperature and print it.
        var b = new ImageBuilder();
        var every = b.AddFunction("every second", [], VmType.None);
        int temp = every.AddLocal(VmType.Float);
        every.Op(Opcode.CallPrimitive, b.AddPrimitive("weather.temperature", [], VmType.Float)).Op(Opcode.StoreLocal, temp);
        every.PushString("temperature").Op(Opcode.LoadLocal, temp).Op(Opcode.CallPrimitive, b.AddPrimitive("data.plot", [VmType.String, VmType.Float], VmType.None));
        every.PushString("Temperatura: ").Op(Opcode.LoadLocal, temp).Op(Opcode.FloatToString).Op(Opcode.Concat).PushString(" °C").Op(Opcode.Concat)
             .Op(Opcode.CallPrimitive, b.AddPrimitive("console.print", [VmType.String], VmType.None)).Op(Opcode.Return);
        b.AddScript(TriggerKind.Every, 1000, every.Index);
        await PublishAsync("roboclub/club1/station-1/program", b.Build(), retain: true);

        await StepUntilAsync(station, () => Payloads("roboclub/club1/station-1/telemetry").Sum(p => p.GetProperty("samples").GetArrayLength()) >= 5, "5 telemetry samples");
        await StepUntilAsync(station, () => Payloads("roboclub/club1/station-1/console").Count() >= 3, "3 console lines");

        var samples = Payloads("roboclub/club1/station-1/telemetry").SelectMany(p => p.GetProperty("samples").EnumerateArray()).ToList();
        Assert.All(samples, s =>
        {
            Assert.Equal("temperature", s.GetProperty("s").GetString());
            Assert.InRange(s.GetProperty("v").GetDouble(), -10, 40);
        });
        var times = samples.Select(s => s.GetProperty("t").GetInt64()).ToList();
        Assert.Equal(times.Order(), times); // in order
        Assert.All(times.Zip(times.Skip(1)), p => Assert.InRange(p.Second - p.First, 990, 1010)); // every second
        Assert.All(Payloads("roboclub/club1/station-1/telemetry"), p => Assert.Equal(0, p.GetProperty("dropped").GetInt32()));
        Assert.All(Payloads("roboclub/club1/station-1/console"), c => Assert.Matches(@"^Temperatura: -?\d+(\.\d+)? °C$", c.GetProperty("text").GetString()));
        Assert.Contains(Payloads("roboclub/club1/station-1/status"), s => s.GetProperty("state").GetString() == "running");
    }

    [Fact]
    public async Task A_robot_drives_and_reports_what_it_sees()
    {
        var parts = VirtualParts.Create("robot", "empty", null, seed: 7);
        await using var station = Host("robot-1", parts);
        await station.StartAsync();
        await StepUntilAsync(station, () => Payloads("roboclub/club1/robot-1/status").Any(), "status");

        // forward(60) for 2 s, stop, print the distance ahead.
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        f.PushInt(60).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.forward", [VmType.Int], VmType.None));
        f.PushInt(2000).Op(Opcode.Wait);
        f.Op(Opcode.CallPrimitive, b.AddPrimitive("motors.stop", [], VmType.None));
        f.PushString("distanța: ").Op(Opcode.CallPrimitive, b.AddPrimitive("sensors.distance", [], VmType.Float)).Op(Opcode.FloatToString).Op(Opcode.Concat)
         .Op(Opcode.CallPrimitive, b.AddPrimitive("console.print", [VmType.String], VmType.None)).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        await PublishAsync("roboclub/club1/robot-1/program", b.Build(), retain: true);

        await StepUntilAsync(station, () => Payloads("roboclub/club1/robot-1/console").Any(), "the robot's console line");
        Assert.StartsWith("distanța: ", Payloads("roboclub/club1/robot-1/console").First().GetProperty("text").GetString());
        var end = (RobotState)station.Snapshot();
        Assert.InRange(end.DistanceTravelledCm, 25, 40); // 2 s at 60 %, minus the acceleration ramp
        Assert.Equal((0, 0), (end.LeftPowerPercent, end.RightPowerPercent));
    }

    [Fact]
    public async Task A_board_that_leaves_cleanly_says_it_is_offline()
    {
        var board = Host("leaving-1", VirtualParts.Create("weather", null, null, 1));
        await board.StartAsync();
        await StepUntilAsync(board, () => Payloads("roboclub/club1/leaving-1/status").Any(), "online status");
        await board.DisposeAsync();
        for (int i = 0; i < 100 && !Payloads("roboclub/club1/leaving-1/status").Any(s => s.GetProperty("state").GetString() == "offline"); i++) await Task.Delay(20);
        Assert.Equal("offline", Payloads("roboclub/club1/leaving-1/status").Last().GetProperty("state").GetString());
    }

    [Fact]
    public async Task Stop_all_from_the_hub_stops_a_driving_robot()
    {
        var parts = VirtualParts.Create("robot", "empty", null, seed: 7);
        await using var robot = Host("robot-2", parts);
        await robot.StartAsync();
        await StepUntilAsync(robot, () => Payloads("roboclub/club1/robot-2/status").Any(), "status");
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        int loop = f.NewLabel();
        f.PushInt(50).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.forward", [VmType.Int], VmType.None));
        f.Mark(loop).PushInt(100).Op(Opcode.Wait).JumpTo(Opcode.Jump, loop);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        await PublishAsync("roboclub/club1/robot-2/program", b.Build(), retain: true);
        await StepUntilAsync(robot, () => robot.Runtime.IsRunning, "running");
        await PublishAsync("roboclub/club1/all/cmd", Encoding.UTF8.GetBytes("{\"cmd\":\"stop-all\",\"seq\":41}"));
        await StepUntilAsync(robot, () => !robot.Runtime.IsRunning, "stopped by stop-all");
        var state = (RobotState)robot.Snapshot();
        Assert.Equal((0, 0), (state.LeftPowerPercent, state.RightPowerPercent));
        await StepUntilAsync(robot, () => Payloads("roboclub/club1/robot-2/status").Any(s => s.GetProperty("state").GetString() == "stopped"), "status stopped");
    }
}
