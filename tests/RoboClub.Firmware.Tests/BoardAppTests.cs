using System.Text;
using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Firmware.Parts;
using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware.Tests;

/// <summary>
/// The board put together as on the ESP32 (runtime, link, flash, boot guard, spool) with fake parts and a
/// fake MQTT transport: a weather station keeps measuring with the hub switched off, and delivers later.
/// </summary>
public class BoardAppTests
{
    private const long Nov2026 = 1795000000000;

    private sealed class Transport : IHubTransport, ITelemetrySender
    {
        public readonly List<(string Topic, string Text)> Sent = new();
        public IHubMessageHandler? Handler;
        public bool Connected;
        public bool IsConnected => Connected;

        public bool Publish(string topic, byte[] payload, bool retain, int qualityOfService)
        {
            if (!Connected) return false;
            Sent.Add((topic, Encoding.UTF8.GetString(payload)));
            return true;
        }

        public void Subscribe(string topicFilter, int qualityOfService) { }

        public bool Send(byte[] payload) => Publish("roboclub/biblioteca-turda/meteo-1/telemetry", payload, false, 1);

        public void Up() { Connected = true; Handler!.OnConnectionChanged(true); }

        public IEnumerable<string> On(string leaf) => Sent.Where(s => s.Topic.EndsWith("/" + leaf, StringComparison.Ordinal)).Select(s => s.Text);
    }

    private readonly FakeClock _clock = new();
    private readonly MemoryFlash _flash = new();
    private readonly FakeClimate _chip = new();
    private readonly FakeActions _actions = new();
    private readonly FakeSystemTime _time = new() { UtcMs = Nov2026 };
    private Transport _net = new();

    /// <summary>Every second: plot the temperature (what the weather lesson's first program does).</summary>
    private static byte[] PlotTemperatureEverySecond(string series = "temperature")
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("every", [], VmType.None);
        f.PushString(series)
         .Op(Opcode.CallPrimitive, b.AddPrimitive("weather.temperature", [], VmType.Float))
         .Op(Opcode.CallPrimitive, b.AddPrimitive("data.plot", [VmType.String, VmType.Float], VmType.None))
         .Op(Opcode.Return);
        b.AddScript(TriggerKind.Every, 1000, f.Index);
        return b.Build();
    }

    private BoardApp PowerUp()
    {
        _clock.Now = 0;
        _net = new Transport();
        var config = DeviceConfig.Parse(Configs.Weather);
        var profile = config.ResolveProfile();
        var sensor = new ClimateSensor(_chip, _clock, new[] { 21, 22 }, 1000);
        var hardware = new BoardHardware { Clock = _clock, Temperature = sensor, Humidity = sensor, Pressure = sensor };
        var app = new BoardApp(config, profile, hardware, "", _flash, _clock, _net, _time, 60_000);
        _net.Handler = app.Messages;
        app.Start(_actions);
        return app;
    }

    private void Run(BoardApp app, long forMs)
    {
        long until = _clock.Now + forMs;
        while (_clock.Now < until)
        {
            app.Turn(_clock.Now, _net);
            _clock.Now += 100;
            _time.UtcMs += 100;
        }
    }

    [Fact]
    public void The_stored_program_runs_at_power_up_without_the_hub_and_nothing_measured_is_lost()
    {
        _flash.Files[FlashProgramStore.Path] = PlotTemperatureEverySecond();
        var app = PowerUp();
        Run(app, 10 * 60_000); // ten minutes, hub PC switched off
        Assert.True(app.Runtime.IsRunning);
        Assert.NotEmpty(_flash.List(TelemetrySpool.Folder, TelemetrySpool.Prefix));
        Assert.True(app.Link.Telemetry.Count < BoardApp.TelemetryInRam);

        _net.Up();
        Run(app, 30_000);
        var batches = _net.On("telemetry").Select(t => TelemetryPayload.Decode(Encoding.UTF8.GetBytes(t))).ToList();
        var samples = batches.Sum(b => b.Times.Length);
        Assert.InRange(samples, 10 * 60 + 29, 10 * 60 + 31); // one a second, the outage included
        Assert.All(batches, b => Assert.Equal(0, b.Dropped));
        Assert.Contains(_net.On("status"), s => s.Contains("\"state\":\"running\""));
        Assert.Empty(_flash.List(TelemetrySpool.Folder, TelemetrySpool.Prefix));
    }

    [Fact]
    public void Measurements_kept_on_flash_survive_a_reboot()
    {
        _flash.Files[FlashProgramStore.Path] = PlotTemperatureEverySecond();
        var app = PowerUp();
        Run(app, 5 * 60_000);
        Assert.NotEmpty(_flash.List(TelemetrySpool.Folder, TelemetrySpool.Prefix));

        // Power cut; back ten minutes later, this time with the hub.
        _time.UtcMs += 600_000;
        var again = PowerUp();
        _net.Up();
        Run(again, 20_000);
        var batches = _net.On("telemetry").Select(t => TelemetryPayload.Decode(Encoding.UTF8.GetBytes(t))).ToList();
        var oldest = batches.Max(b => b.NowMs - b.Times[0]);
        Assert.InRange(oldest, 600_000 + 5 * 60_000 - 2_000, 600_000 + 5 * 60_000 + 25_000); // dated by the wall clock
    }

    [Fact]
    public void After_three_crashes_at_boot_the_stored_program_is_not_started_even_by_the_hubs_retained_copy()
    {
        var image = PlotTemperatureEverySecond();
        _flash.Files[FlashProgramStore.Path] = image;
        PowerUp();
        PowerUp();
        var app = PowerUp(); // every one "crashed" within seconds
        Assert.True(app.SafeMode);
        Assert.False(app.Runtime.IsRunning);
        Assert.Equal(ProgramPayload.Hash(image), app.Link.ProgramHash);
        Assert.Contains(_actions.Problems, p => p.Code == "SafeMode" && p.Message.Contains("mod sigur"));

        _net.Up();
        _net.Handler!.OnMessage("roboclub/biblioteca-turda/meteo-1/program", image); // the retained copy
        Run(app, 3000);
        Assert.False(app.Runtime.IsRunning);

        var changed = PlotTemperatureEverySecond("temp2");
        _net.Handler!.OnMessage("roboclub/biblioteca-turda/meteo-1/program", changed);
        Run(app, 3000);
        Assert.True(app.Runtime.IsRunning);
        Assert.Equal(changed, _flash.Files[FlashProgramStore.Path]);
    }

    [Fact]
    public void A_sensor_that_stops_answering_is_an_error_the_editor_can_show_not_a_crash()
    {
        _flash.Files[FlashProgramStore.Path] = PlotTemperatureEverySecond();
        var app = PowerUp();
        _net.Up();
        Run(app, 3000);
        _chip.Answers = false;
        Run(app, 3000);
        var error = ErrorPayload.Decode(Encoding.UTF8.GetBytes(Assert.Single(_net.On("error"))));
        Assert.Equal("HardwareFailed", error.Code);
        Assert.Contains("check the wires on pins 21, 22", error.Message);
        Assert.Contains(_net.On("status"), s => s.Contains("\"state\":\"error\""));
        Assert.Equal(0, app.Runtime.InternalErrors);
    }

    [Fact]
    public void The_time_topic_sets_the_clock_and_never_reaches_the_link()
    {
        _time.UtcMs = 0;
        var app = PowerUp();
        _net.Up();
        _net.Handler!.OnMessage("roboclub/biblioteca-turda/time", Encoding.UTF8.GetBytes("{\"utc\":" + Nov2026 + "}"));
        Assert.Equal(Nov2026, app.Wall.UtcMs);
        Assert.Equal(0, app.Link.RejectedMessages);
        _net.Handler!.OnMessage("roboclub/biblioteca-turda/weather", new byte[0]);
        Assert.Equal(1, app.Link.RejectedMessages); // anything else still goes to the link, which refuses it
    }

    [Fact]
    public void Parts_that_did_not_start_and_the_device_hook_are_wired_at_start()
    {
        var config = DeviceConfig.Parse(Configs.Weather);
        var app = new BoardApp(config, config.ResolveProfile(), new BoardHardware { Clock = _clock }, "the servo did not start", _flash, _clock, _net, _time, -1);
        app.Start(_actions);
        Assert.Contains(_actions.Problems, p => p.Code == "HardwareFault");
        Assert.IsType<DeviceConfigUpdate>(app.Runtime.DeviceConfigListener);
        _net.Handler = app.Messages;
        _net.Up();
        app.Turn(0, _net);
        var info = InfoPayload.Decode(Encoding.UTF8.GetBytes(Assert.Single(_net.On("info"))));
        Assert.Equal(BoardProfiles.WeatherBme280, info.Profile);
        Assert.Equal(BoardKind.Weather, info.Kind);
        Assert.Equal(BoardApp.FirmwareVersion, info.Firmware);
    }

    /// <summary>while (true) { } — no wait, no yield: the program a child writes by accident.</summary>
    private static byte[] Runaway()
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        int loop = f.NewLabel();
        f.Mark(loop).JumpTo(Opcode.Jump, loop);
        f.Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        return b.Build();
    }

    [Fact]
    public void A_runaway_program_never_holds_the_loop_so_the_hub_can_still_stop_it()
    {
        _flash.Files[FlashProgramStore.Path] = Runaway();
        var app = PowerUp();
        _net.Up();
        var slowest = TimeSpan.Zero;
        for (int i = 0; i < 50; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            app.Turn(_clock.Now, _net);
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            _clock.Now += 10;
        }
        Assert.True(app.Runtime.IsRunning);
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a turn took {slowest}"); // a slice is 500 instructions
        Assert.Contains(_net.On("status"), s => s.Contains("\"state\":\"running\""));

        _net.Handler!.OnMessage("roboclub/biblioteca-turda/meteo-1/cmd", Encoding.UTF8.GetBytes("{\"cmd\":\"stop\",\"seq\":7}"));
        app.Turn(_clock.Now, _net);
        Assert.False(app.Runtime.IsRunning);
        Assert.Contains(_net.On("ack"), a => a == "{\"seq\":7,\"ok\":true}");
    }
}
