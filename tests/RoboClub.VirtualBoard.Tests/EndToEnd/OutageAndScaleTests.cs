using System.Collections.Concurrent;
using System.Text.Json;
using RoboClub.Board.Image;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;
using RoboClub.Mqtt.Client;
using RoboClub.VirtualBoard;

namespace RoboClub.VirtualBoard.Tests.EndToEnd;

public sealed class OutageAndScaleTests
{
    static byte[] PlotEverySecond()
    {
        var b = new ImageBuilder();
        var every = b.AddFunction("plot", [], VmType.None);
        every.PushString("temperature").Op(Opcode.CallPrimitive, b.AddPrimitive("weather.temperature", [], VmType.Float))
             .Op(Opcode.CallPrimitive, b.AddPrimitive("data.plot", [VmType.String, VmType.Float], VmType.None)).Op(Opcode.Return);
        b.AddScript(TriggerKind.Every, 1000, every.Index);
        return b.Build();
    }

    sealed class Hub : IAsyncDisposable
    {
        public readonly MqttClient Client;
        public readonly ConcurrentQueue<(string Topic, string Text)> Seen = new();

        Hub(MqttClient client) => Client = client;

        public static async Task<Hub> ConnectAsync(int port)
        {
            var client = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = port, ClientId = "hub-" + Guid.NewGuid().ToString("N")[..6] });
            var hub = new Hub(client);
            client.ApplicationMessageReceivedAsync += e => { hub.Seen.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.PayloadAsString())); return Task.CompletedTask; };
            await client.ConnectAsync();
            await client.SubscribeAsync("roboclub/#", MqttQualityOfServiceLevel.AtLeastOnce);
            return hub;
        }

        public List<JsonElement> Samples(string board) => Seen.Where(m => m.Topic == $"roboclub/club1/{board}/telemetry")
            .SelectMany(m => JsonDocument.Parse(m.Text).RootElement.GetProperty("samples").EnumerateArray().Select(e => e.Clone())).ToList();

        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }

    [Fact]
    public async Task Telemetry_taken_while_the_broker_is_down_arrives_in_order_after_it_returns()
    {
        var broker = new MqttBroker(new MqttBrokerOptions { Port = 0, SysInterval = TimeSpan.Zero });
        await broker.StartAsync();
        int port = broker.Port;
        var board = new VirtualBoardHost(new VirtualBoardOptions { Board = "station-1", BrokerPort = port }, VirtualParts.Create("weather", null, null, 3));
        await board.StartAsync();
        var hub = await Hub.ConnectAsync(port);
        await hub.Client.PublishAsync(new MqttApplicationMessage { Topic = "roboclub/club1/station-1/program", Payload = PlotEverySecond(), Retain = true, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        for (int i = 0; i < 100 && hub.Samples("station-1").Count < 3; i++) { board.Step(100); await Task.Delay(5); }
        Assert.True(hub.Samples("station-1").Count >= 3, "telemetry before the outage");
        await hub.DisposeAsync();

        // The broker goes away; the board keeps measuring for 5 simulated seconds.
        await broker.DisposeAsync();
        await Task.Delay(300);
        board.Step(5000);
        Assert.False(board.Link.IsLinkUp);

        broker = new MqttBroker(new MqttBrokerOptions { Port = port, SysInterval = TimeSpan.Zero });
        await broker.StartAsync();
        hub = await Hub.ConnectAsync(port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (hub.Samples("station-1").Count < 8 && DateTime.UtcNow < deadline) { board.Step(100); await Task.Delay(20); }
        var after = hub.Samples("station-1");
        Assert.True(after.Count >= 8, $"only {after.Count} samples after the broker came back");
        var times = after.Select(s => s.GetProperty("t").GetInt64()).ToList();
        Assert.Equal(times.Distinct().Count(), times.Count); // no duplicates
        Assert.Equal(times.Order(), times);                 // in order
        Assert.All(times.Zip(times.Skip(1)), p => Assert.InRange(p.Second - p.First, 990, 1010)); // no gap: nothing lost
        Assert.All(hub.Seen.Where(m => m.Topic.EndsWith("/telemetry")), m => Assert.Contains("\"dropped\":0", m.Text));
        await hub.DisposeAsync();
        await board.DisposeAsync();
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task Twenty_virtual_boards_run_in_one_process()
    {
        await using var broker = new MqttBroker(new MqttBrokerOptions { Port = 0, SysInterval = TimeSpan.Zero });
        await broker.StartAsync();
        await using var hub = await Hub.ConnectAsync(broker.Port);
        var boards = new List<VirtualBoardHost>();
        for (int i = 0; i < 20; i++)
        {
            var kind = i % 2 == 0 ? "weather" : "robot";
            var b = new VirtualBoardHost(new VirtualBoardOptions { Board = $"{kind}-{i}", BrokerPort = broker.Port, Seed = i }, VirtualParts.Create(kind, null, null, i));
            await b.StartAsync();
            boards.Add(b);
        }
        var image = PlotEverySecond();
        foreach (var b in boards.Where(b => b.Parts.Kind == RoboClub.Board.Link.BoardKind.Weather))
            await hub.Client.PublishAsync(new MqttApplicationMessage { Topic = $"roboclub/club1/{b.Options.Board}/program", Payload = image, Retain = true, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        for (int step = 0; step < 60; step++)
        {
            foreach (var b in boards) b.Step(100);
            await Task.Delay(5);
        }
        Assert.Equal(20, hub.Seen.Where(m => m.Topic.EndsWith("/info")).Select(m => m.Topic).Distinct().Count());
        foreach (var b in boards.Where(b => b.Parts.Kind == RoboClub.Board.Link.BoardKind.Weather))
            Assert.True(hub.Samples(b.Options.Board).Count >= 2, $"{b.Options.Board} sent telemetry");
        foreach (var b in boards) await b.DisposeAsync();
    }
}
