using RoboClub.Board.Link;

namespace RoboClub.Board.Tests.Link;

/// <summary>The optional "rssi" member of status: encoded, decoded, and republished on big changes at most every 10 s.</summary>
public class SignalStrengthTests
{
    private const string StatusTopic = "roboclub/club-1/robot-1/status";

    private readonly FakeClock _clock = new() { Now = 1000 };
    private readonly FakeTransport _net = new();
    private readonly HubLink _link;

    public SignalStrengthTests()
    {
        var info = new InfoPayload("0.1.0", 1, BoardKind.Weather, "weather-bme280", new[] { "weather.temperature" }, -1);
        _link = new HubLink(_net, new FakeCommands(), _clock, new HubLinkOptions("club-1", "robot-1", info));
        _net.Handler = _link;
    }

    private List<StatusPayload> Statuses() =>
        _net.Sent.Where(p => p.Topic == StatusTopic).Select(p => StatusPayload.Decode(p.Payload)).ToList();

    private void TickAt(long ms)
    {
        _clock.Now = ms;
        _link.Tick(ms);
    }

    [Fact]
    public void Status_carries_rssi_only_when_known()
    {
        Assert.Equal("{\"state\":\"running\",\"program\":\"9f3a61c2\",\"uptime\":5,\"rssi\":-67}",
            System.Text.Encoding.UTF8.GetString(new StatusPayload(BoardState.Running, "9f3a61c2", 5, -67).Encode()));
        Assert.Equal(-67, StatusPayload.Decode(new StatusPayload(BoardState.Running, "", 5, -67).Encode()).SignalDbm);
        Assert.Equal(StatusPayload.NoSignal, StatusPayload.Decode(new StatusPayload(BoardState.Online, "", 5).Encode()).SignalDbm);
        Assert.DoesNotContain("rssi", System.Text.Encoding.UTF8.GetString(new StatusPayload(BoardState.Online, "", 5).Encode()));
    }

    [Theory]
    [InlineData("{\"state\":\"online\",\"rssi\":5}")]
    [InlineData("{\"state\":\"online\",\"rssi\":-128}")]
    [InlineData("{\"state\":\"online\",\"rssi\":\"-60\"}")]
    [InlineData("{\"state\":\"online\",\"rssi\":-60.5}")]
    public void Status_decoder_refuses_impossible_rssi(string json)
    {
        Assert.Throws<PayloadException>(() => StatusPayload.Decode(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Virtual_boards_that_never_set_it_send_no_rssi()
    {
        _net.Up();
        TickAt(1000);
        Assert.Equal(StatusPayload.NoSignal, Assert.Single(Statuses()).SignalDbm);
    }

    [Fact]
    public void The_announce_includes_a_signal_known_before_connecting()
    {
        _link.SetSignalStrength(-58);
        _net.Up();
        TickAt(1000);
        Assert.Equal(-58, Assert.Single(Statuses()).SignalDbm);
    }

    [Fact]
    public void Small_changes_are_not_republished_big_ones_are_at_most_every_10_s()
    {
        _link.SetSignalStrength(-60);
        _net.Up();
        TickAt(1000);
        _net.Sent.Clear();

        _link.SetSignalStrength(-64); // 4 dB: not worth a status
        TickAt(20_000);
        Assert.Empty(Statuses());

        _link.SetSignalStrength(-65); // 5 dB from the -60 last reported
        TickAt(20_010);
        Assert.Equal(-65, Assert.Single(Statuses()).SignalDbm);
        _net.Sent.Clear();

        _link.SetSignalStrength(-80); // big, but only 3 s after the last status
        TickAt(23_010);
        Assert.Empty(Statuses());
        TickAt(30_009);
        Assert.Empty(Statuses());
        TickAt(30_010);
        Assert.Equal(-80, Assert.Single(Statuses()).SignalDbm);
    }

    [Fact]
    public void A_state_change_carries_the_latest_signal_and_resets_the_reference()
    {
        _link.SetSignalStrength(-60);
        _net.Up();
        TickAt(1000);
        _net.Sent.Clear();

        _link.SetSignalStrength(-62);
        _link.SetState(BoardState.Running);
        TickAt(2000);
        Assert.Equal(-62, Assert.Single(Statuses()).SignalDbm);
        _net.Sent.Clear();

        _link.SetSignalStrength(-66); // 4 dB from -62, the value last reported
        TickAt(60_000);
        Assert.Empty(Statuses());
    }

    [Fact]
    public void Out_of_range_values_are_clamped()
    {
        _link.SetSignalStrength(20);
        Assert.Equal(0, _link.SignalStrength);
        _link.SetSignalStrength(-500);
        Assert.Equal(-127, _link.SignalStrength);
    }

    [Fact]
    public void A_refused_status_publish_is_tried_again()
    {
        _link.SetSignalStrength(-60);
        _net.Up();
        TickAt(1000);
        _net.Sent.Clear();

        _net.FailWhen = topic => topic == StatusTopic;
        _link.SetSignalStrength(-75);
        TickAt(12_000);
        _net.FailWhen = null;
        TickAt(12_010);
        Assert.Equal(-75, Assert.Single(Statuses()).SignalDbm);
    }
}
