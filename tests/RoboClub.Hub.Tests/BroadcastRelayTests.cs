using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;
using RoboClub.VirtualBoard;

namespace RoboClub.Hub.Tests;

public class BroadcastRelayTests
{
    [Fact]
    public async Task A_broadcast_from_one_board_starts_the_waiting_script_on_another()
    {
        await using var broker = new MqttBroker(new MqttBrokerOptions { Port = 0, SysInterval = TimeSpan.Zero });
        await broker.StartAsync();
        using var relay = new BroadcastRelay(new RoboClub.Hub.Boards.EmbeddedBrokerBus(broker));
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var console = broker.Subscribe("roboclub/club1/+/console", m => { heard.Enqueue(m.Topic + " " + m.PayloadAsString()); return ValueTask.CompletedTask; });

        await using var sender = new VirtualBoardHost(new VirtualBoardOptions { Board = "station-1", BrokerPort = broker.Port }, VirtualParts.Create("weather", null, null, 1));
        await using var listener = new VirtualBoardHost(new VirtualBoardOptions { Board = "robot-1", BrokerPort = broker.Port }, VirtualParts.Create("robot", null, null, 2));
        await sender.StartAsync();
        await listener.StartAsync();

        var hear = new ImageBuilder();
        var body = hear.AddFunction("on rain", [], VmType.None);
        body.PushString("plouă!").Op(Opcode.CallPrimitive, hear.AddPrimitive("console.print", [VmType.String], VmType.None)).Op(Opcode.Return);
        hear.AddScript(TriggerKind.OnMessage, hear.AddString("ploaie"), body.Index);
        var idle = hear.AddFunction("start", [], VmType.None);
        idle.Op(Opcode.Return);
        hear.AddScript(TriggerKind.OnStart, 0, idle.Index);
        await broker.PublishAsync(new MqttApplicationMessage { Topic = "roboclub/club1/robot-1/program", Payload = hear.Build(), Retain = true, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        for (int i = 0; i < 50 && !listener.Runtime.IsRunning; i++) { listener.Step(100); sender.Step(100); await Task.Delay(10); }

        var say = new ImageBuilder();
        var main = say.AddFunction("main", [], VmType.None);
        main.PushInt(300).Op(Opcode.Wait).PushString("ploaie").Op(Opcode.CallPrimitive, say.AddPrimitive("messages.broadcast", [VmType.String], VmType.None)).Op(Opcode.Return);
        say.AddScript(TriggerKind.OnStart, 0, main.Index);
        await broker.PublishAsync(new MqttApplicationMessage { Topic = "roboclub/club1/station-1/program", Payload = say.Build(), Retain = true, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });

        for (int i = 0; i < 100 && heard.IsEmpty; i++) { sender.Step(100); listener.Step(100); await Task.Delay(10); }
        var line = Assert.Single(heard);
        Assert.StartsWith("roboclub/club1/robot-1/console", line);
        Assert.Contains("plouă!", line);
    }
}
