using RoboClub.Board;
using RoboClub.Board.Hardware;
using RoboClub.Board.Link;

namespace RoboClub.Firmware.Tests;

/// <summary>The boot/connect/offline state machine with injected Wi-Fi, MQTT and clock.</summary>
public class ConnectionSupervisorTests
{
    private readonly FakeClock _clock = new() { Now = 1000 };
    private readonly FakeWifi _wifi;
    private readonly FakeMqtt _mqtt = new();
    private readonly FakeActions _actions = new();
    private readonly MemoryFlash _flash = new();
    private readonly DeviceConfigStore _store;
    private readonly HubLink _link;

    public ConnectionSupervisorTests()
    {
        _wifi = new FakeWifi(_clock);
        _flash.PutText(DeviceConfigStore.ConfigPath, Configs.Robot);
        _store = new DeviceConfigStore(_flash);
        var transport = new NullTransport();
        var runtime = new BoardRuntime(new BoardHardware { Clock = _clock }, null!, 1);
        var info = new InfoPayload("test", 1, BoardKind.Robot, "robot-tb6612", runtime.Primitives.Names, -1);
        _link = new HubLink(transport, runtime, _clock, new HubLinkOptions("biblioteca-turda", "robot-3", info));
    }

    private sealed class NullTransport : IHubTransport
    {
        public bool IsConnected => false;
        public bool Publish(string topic, byte[] payload, bool retain, int qualityOfService) => false;
        public void Subscribe(string topicFilter, int qualityOfService) { }
    }

    private ConnectionSupervisor Make() => new(_store.Load()!, _wifi, _mqtt, _clock, _link, _store, _actions);

    /// <summary>Runs the supervisor as its thread would, until <paramref name="untilMs"/>.</summary>
    private static void RunUntil(ConnectionSupervisor s, FakeClock clock, long untilMs)
    {
        while (clock.Now < untilMs)
        {
            int wait = s.Step();
            clock.Now += Math.Max(wait, 1);
        }
    }

    [Fact]
    public void Wifi_then_hub_then_online()
    {
        _wifi.Default = null;
        _wifi.Signal = -61;
        var s = Make();
        Assert.Equal(LinkPhase.Wifi, s.Phase);
        s.Step();
        Assert.Equal(LinkPhase.Hub, s.Phase);
        Assert.Equal("Biblioteca", _wifi.LastSsid);
        Assert.Equal(-61, _link.SignalStrength); // read as soon as Wi-Fi is up
        s.Step();
        Assert.Equal(LinkPhase.Online, s.Phase);
        Assert.Null(s.LastProblem);
        Assert.Equal(ConnectionSupervisor.IdleStepMs, s.Step());
    }

    [Fact]
    public void Wifi_retries_wait_longer_each_time_up_to_a_minute()
    {
        var s = Make();
        var attempts = new List<long>();
        while (_clock.Now < 600_000)
        {
            int before = _wifi.ConnectCalls;
            long at = _clock.Now;
            int wait = s.Step();
            if (_wifi.ConnectCalls > before) attempts.Add(at);
            _clock.Now += Math.Max(wait, 1);
        }
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a - ConnectionSupervisor.WifiTimeoutMs).ToList();
        Assert.InRange(gaps[0], 5000, 5600);
        Assert.InRange(gaps[1], 10000, 10600);
        Assert.InRange(gaps[2], 20000, 20600);
        Assert.InRange(gaps[3], 40000, 40600);
        Assert.All(gaps.Skip(4), g => Assert.InRange(g, 60000, 60600));
        Assert.Equal("no network", s.LastProblem);
        Assert.Equal(LinkPhase.Wifi, s.Phase);
    }

    [Fact]
    public void Setup_mode_after_ten_minutes_without_wifi_and_left_when_it_comes_back()
    {
        var s = Make();
        RunUntil(s, _clock, 1000 + ConnectionSupervisor.SetupModeAfterMs - 60_000);
        Assert.False(s.IsInSetupMode);
        RunUntil(s, _clock, 1000 + ConnectionSupervisor.SetupModeAfterMs + 1000);
        Assert.True(s.IsInSetupMode);
        Assert.True(StatusLight.IsOn(s.Phase, s.IsInSetupMode, false, 0));

        _wifi.Default = null;
        RunUntil(s, _clock, _clock.Now + 120_000);
        Assert.False(s.IsInSetupMode);
        Assert.Equal(LinkPhase.Online, s.Phase);
    }

    [Fact]
    public void Hub_retries_back_off_and_wifi_loss_goes_back_to_wifi()
    {
        _wifi.Default = null;
        _mqtt.Default = "hub not there";
        var s = Make();
        RunUntil(s, _clock, 60_000);
        Assert.Equal(LinkPhase.Hub, s.Phase);
        Assert.InRange(_mqtt.ConnectCalls, 4, 6); // 2 s, 4 s, 8 s, 16 s, 30 s ...
        Assert.Equal(_mqtt.ConnectCalls, _mqtt.CloseCalls); // every failed attempt is cleaned up
        Assert.Equal("hub not there", s.LastProblem);

        _wifi.IsConnected = false;
        _wifi.Default = "gone";
        s.Step();
        Assert.Equal(LinkPhase.Wifi, s.Phase);
    }

    [Fact]
    public void A_dropped_hub_connection_is_rebuilt_and_a_dropped_wifi_closes_mqtt()
    {
        _wifi.Default = null;
        var s = Make();
        s.Step();
        s.Step();
        Assert.Equal(LinkPhase.Online, s.Phase);

        _mqtt.IsConnected = false; // the broker went away (hub PC switched off)
        s.Step();
        Assert.Equal(LinkPhase.Hub, s.Phase);
        RunUntil(s, _clock, _clock.Now + 5000);
        Assert.Equal(LinkPhase.Online, s.Phase);

        _wifi.IsConnected = false;
        int closes = _mqtt.CloseCalls;
        s.Step();
        Assert.Equal(LinkPhase.Wifi, s.Phase);
        Assert.Equal(closes + 1, _mqtt.CloseCalls);
    }

    [Fact]
    public void Signal_is_read_every_30_seconds_while_online()
    {
        _wifi.Default = null;
        _wifi.Signal = -60;
        var s = Make();
        s.Step();
        s.Step();
        _wifi.Signal = -75;
        RunUntil(s, _clock, _clock.Now + 10_000);
        Assert.Equal(-60, _link.SignalStrength);
        RunUntil(s, _clock, _clock.Now + 25_000);
        Assert.Equal(-75, _link.SignalStrength);
    }

    [Fact]
    public void A_configuration_on_trial_is_confirmed_when_it_reaches_the_hub()
    {
        _store.Replace(DeviceConfig.Parse(Configs.Robot.Replace("hub.local", "hub2.local")));
        Assert.True(_store.IsOnTrial);
        _wifi.Default = null;
        var s = Make();
        s.Step();
        s.Step();
        Assert.False(_store.IsOnTrial);
        RunUntil(s, _clock, _clock.Now + ConnectionSupervisor.TrialMs + 1000);
        Assert.Empty(_actions.Reboots);
    }

    [Fact]
    public void A_configuration_on_trial_that_never_reaches_the_hub_is_rolled_back()
    {
        _store.Replace(DeviceConfig.Parse(Configs.Robot.Replace("hub.local", "typo.local")));
        _wifi.Default = null;
        _mqtt.Default = "cannot reach the hub";
        var s = Make();
        RunUntil(s, _clock, 1000 + ConnectionSupervisor.TrialMs - 1000);
        Assert.Empty(_actions.Reboots);
        RunUntil(s, _clock, 1000 + ConnectionSupervisor.TrialMs + 1000);
        Assert.Single(_actions.Reboots);
        Assert.Equal("hub.local", _store.Load()!.HubHost);
        Assert.Equal("typo.local", _store.Refused()!.HubHost);
        RunUntil(s, _clock, _clock.Now + 60_000);
        Assert.Single(_actions.Reboots); // decided once
    }

    [Fact]
    public void In_setup_mode_a_new_configuration_file_restarts_the_board()
    {
        var s = Make();
        RunUntil(s, _clock, 1000 + ConnectionSupervisor.SetupModeAfterMs + 1000);
        Assert.True(s.IsInSetupMode);
        Assert.Empty(_actions.Reboots);

        _flash.PutText(DeviceConfigStore.ConfigPath, "{broken"); // a half-written or bad file changes nothing
        RunUntil(s, _clock, _clock.Now + 10_000);
        Assert.Empty(_actions.Reboots);

        _flash.PutText(DeviceConfigStore.ConfigPath, Configs.Robot.Replace("Biblioteca", "Biblioteca-2"));
        RunUntil(s, _clock, _clock.Now + 10_000);
        Assert.Single(_actions.Reboots);
    }

    [Fact]
    public void Outside_setup_mode_the_file_is_not_polled()
    {
        var s = Make();
        _flash.PutText(DeviceConfigStore.ConfigPath, Configs.Robot.Replace("Biblioteca", "Biblioteca-2"));
        RunUntil(s, _clock, 1000 + ConnectionSupervisor.SetupModeAfterMs - 10_000);
        Assert.Empty(_actions.Reboots);
    }
}
