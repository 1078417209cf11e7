using System.Text;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using RoboClub.Board;
using RoboClub.Board.Hardware;
using RoboClub.Board.Link;
using RoboClub.Firmware.Device;

namespace RoboClub.Firmware.Tests;

/// <summary>The ESP32's MQTT transport against a fake of M2Mqtt's client: what the hub's broker sees.</summary>
[Collection("fake MqttClient")]
public class M2MqttTransportTests
{
    private readonly FakeClock _clock = new() { Now = 1000 };
    private readonly M2MqttTransport _transport;
    private readonly HubLink _link;
    private readonly WallClock _wall = new(new FakeSystemTime { UtcMs = 0 });

    public M2MqttTransportTests()
    {
        MqttClient.Answer = MqttReasonCode.Success;
        var config = DeviceConfig.Parse(Configs.Weather);
        _transport = new M2MqttTransport(config);
        var runtime = new BoardRuntime(new BoardHardware { Clock = _clock }, null!, 1);
        _link = new HubLink(_transport, runtime, _clock, new HubLinkOptions(config.Club, config.Board,
            new InfoPayload("t", 1, BoardKind.Weather, "weather-bme280", runtime.Primitives.Names, -1)));
        _transport.Attach(_link, new HubMessageRouter(_link, _wall, config.Club));
    }

    [Fact]
    public void Connects_with_the_board_account_a_retained_offline_will_and_a_short_keep_alive()
    {
        Assert.Null(_transport.Connect());
        var c = MqttClient.Last!.Connected!;
        Assert.Equal(new FakeConnect("roboclub-biblioteca-turda-meteo-1", "meteo-1", "parola-lunga", true, MqttQoSLevel.AtLeastOnce, true,
            "roboclub/biblioteca-turda/meteo-1/status", "{\"state\":\"offline\"}", true, M2MqttTransport.KeepAliveSeconds,
            MqttProtocolVersion.Version_3_1_1, "192.168.1.20", 1883), c);
        Assert.Equal(Encoding.UTF8.GetString(_link.WillPayload), c.WillMessage);
        Assert.Contains(("roboclub/biblioteca-turda/time", MqttQoSLevel.AtMostOnce), MqttClient.Last.Subscribed);
        Assert.True(_link.IsLinkUp);
        Assert.True(_transport.IsConnected);
    }

    [Fact]
    public void A_refusal_is_explained_and_the_client_closed()
    {
        MqttClient.Answer = MqttReasonCode.BadUserNameOrPassword;
        var problem = _transport.Connect();
        Assert.Contains("check mqttUser and mqttPassword", problem);
        Assert.Contains("verifică mqttUser și mqttPassword", problem);
        Assert.True(MqttClient.Last!.Closed);
        Assert.False(_transport.IsConnected);
    }

    [Fact]
    public void The_link_announces_through_it_and_messages_reach_the_link_or_the_clock()
    {
        _transport.Connect();
        var client = MqttClient.Last!;
        _link.Tick(1000);
        Assert.Contains(client.Published, p => p.Topic.EndsWith("/status", StringComparison.Ordinal) && p.Retain && p.Qos == MqttQoSLevel.AtLeastOnce);
        Assert.Contains(client.Subscribed, s => s.Topic == "roboclub/biblioteca-turda/meteo-1/program" && s.Qos == MqttQoSLevel.AtLeastOnce);

        client.Receive("roboclub/biblioteca-turda/time", Encoding.UTF8.GetBytes("{\"utc\":1795000000000}"));
        Assert.Equal(1795000000000, _wall.UtcMs);
        client.Receive("roboclub/biblioteca-turda/meteo-1/cmd", Encoding.UTF8.GetBytes("{\"cmd\":\"dance\",\"seq\":3}"));
        Assert.Equal(1, _link.RejectedMessages);
    }

    [Fact]
    public void A_dropped_connection_reaches_the_link_at_once()
    {
        _transport.Connect();
        MqttClient.Last!.Drop();
        Assert.False(_link.IsLinkUp);
        Assert.False(_transport.Publish("x", new byte[0], false, 1)); // refused, not thrown
    }

    [Fact]
    public void Goodbye_publishes_the_offline_status_itself_then_disconnects()
    {
        _transport.Connect();
        var client = MqttClient.Last!;
        _transport.SayGoodbye();
        var last = client.Published.Last();
        Assert.Equal(new FakePublish("roboclub/biblioteca-turda/meteo-1/status", last.Message, MqttQoSLevel.AtLeastOnce, true), last);
        Assert.Equal("{\"state\":\"offline\"}", Encoding.UTF8.GetString(last.Message));
        Assert.True(client.Disconnected);
    }

    [Fact]
    public void Telemetry_from_flash_goes_on_the_telemetry_topic_at_qos_1()
    {
        Assert.False(_transport.Send(new byte[] { 1 }));
        _transport.Connect();
        Assert.True(_transport.Send(Encoding.UTF8.GetBytes("{}")));
        var p = MqttClient.Last!.Published.Last();
        Assert.Equal(("roboclub/biblioteca-turda/meteo-1/telemetry", MqttQoSLevel.AtLeastOnce, false), (p.Topic, p.Qos, p.Retain));
    }
}
