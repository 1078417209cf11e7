using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Board.Tests.Link;

namespace RoboClub.Board.Tests.Runtime;

/// <summary>The config topic reaches the firmware's listener (the "device" member is the firmware's) through BoardRuntime.</summary>
public class DeviceConfigListenerTests
{
    sealed class Listener : IDeviceConfigListener
    {
        public readonly List<JsonNode> Configs = new();
        public void OnConfig(JsonNode config) => Configs.Add(config);
    }

    [Fact]
    public void The_whole_config_object_goes_to_the_listener_on_the_main_loop()
    {
        var clock = new FakeClock { Now = 100 };
        var transport = new FakeTransport();
        var runtime = new BoardRuntime(new BoardHardware { Clock = clock }, null!, 1);
        var info = new InfoPayload("test", ImageFormat.Version, BoardKind.Weather, "test", runtime.Primitives.Names, 0);
        var link = new HubLink(transport, runtime, clock, new HubLinkOptions("club1", "meteo-1", info));
        transport.Handler = link;
        runtime.AttachLink(link);
        var listener = new Listener();
        runtime.DeviceConfigListener = listener;

        transport.Up();
        runtime.Tick(100);
        transport.Deliver("roboclub/club1/meteo-1/config", "{\"telemetryPeriod\":5000,\"device\":{\"board\":\"meteo-1\"}}");
        Assert.Empty(listener.Configs); // checked on the transport's thread, handled at the next Tick
        runtime.Tick(110);

        JsonNode config = Assert.Single(listener.Configs);
        Assert.Equal("meteo-1", config.Get("device")!.Get("board")!.Text);
        Assert.Equal(5000, config.Get("telemetryPeriod")!.Integer);
    }

    [Fact]
    public void Without_a_listener_a_config_is_harmless()
    {
        var runtime = new BoardRuntime(new BoardHardware { Clock = new FakeClock() }, null!, 1);
        runtime.OnConfig(JsonNode.NewObject());
        Assert.Equal(0, runtime.InternalErrors);
    }
}
