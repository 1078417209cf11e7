using RoboClub.Flashing.Nanoff;
using RoboClub.Flashing.Provisioning;

namespace RoboClub.Flashing.Tests;

/// <summary>One board end to end through fake-nanoff: the four steps, retries, and what lands on the board.</summary>
public sealed class BoardProvisionerTests : IDisposable
{
    readonly FakeNanoffHost _fake = new();
    const string Port = "/dev/ttyUSB0";

    public void Dispose() => _fake.Dispose();

    sealed class Waiter(bool online) : IBoardOnlineWaiter
    {
        public List<string> Asked { get; } = [];

        public Task<bool> WaitOnlineAsync(string board, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Asked.Add(board);
            return Task.FromResult(online);
        }
    }

    ProvisioningRequest Request()
    {
        string app = Path.Combine(_fake.Folder, "RoboClub.bin");
        File.WriteAllBytes(app, [0x4e, 0x46, 0x4d, 0x52]);
        return new ProvisioningRequest(Port,
            new BoardConfigFile("meteo-01", "club1", "192.168.1.20", 1883, "meteo-01", "pw-123", BoardKit.WeatherBme280),
            "Biblioteca", "wifi-pass", app, new FirmwareSource(null, false));
    }

    BoardProvisioner Provisioner(IBoardOnlineWaiter? waiter = null) =>
        new(new NanoffRunner(_fake.Tool()), waiter) { SettleDelay = TimeSpan.FromMilliseconds(10) };

    sealed class ListProgress : IProgress<ProvisioningProgress>
    {
        public List<ProvisioningProgress> Items { get; } = [];
        public void Report(ProvisioningProgress value) { lock (Items) Items.Add(value); }
    }

    [Fact]
    public async Task A_board_gets_runtime_app_wifi_and_its_settings_file_then_comes_online()
    {
        string board = _fake.AddBoard(Port);
        var waiter = new Waiter(online: true);
        var progress = new ListProgress();
        var result = await Provisioner(waiter).RunAsync(Request(), progress);

        Assert.True(result.Ok, string.Join('\n', result.Log));
        Assert.True(result.Online);
        Assert.Equal("ESP32-D0WD-V3", result.Chip);
        Assert.Equal("1.12.1.58", result.FirmwareVersion);
        Assert.Equal(["meteo-01"], waiter.Asked);
        // On the fake board: the app, Wi-Fi in nanoff's format, and I:\roboclub.json exactly as documented.
        Assert.Equal([0x4e, 0x46, 0x4d, 0x52], File.ReadAllBytes(Path.Combine(board, "deployment.bin")));
        Assert.Equal(Request().Config.ToJson(), File.ReadAllText(Path.Combine(board, "roboclub.json")));
        Assert.Contains("\"SSID\": \"Biblioteca\"", File.ReadAllText(Path.Combine(board, "wifi.json")));

        var calls = _fake.Calls();
        Assert.Equal(4, calls.Length);
        Assert.Contains("--update", calls[0]);
        Assert.Equal("0x1E0000", calls[1][Array.IndexOf(calls[1], "--address") + 1]);
        Assert.Equal("--networkdeployment", calls[2][0]);
        Assert.Equal("--filedeployment", calls[3][0]);
        // The files holding passwords are gone.
        Assert.False(File.Exists(calls[2][1]));
        Assert.False(File.Exists(calls[3][1]));

        var percents = progress.Items.Where(p => p.Percent >= 0).Select(p => p.Percent).ToArray();
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(100, percents[^1]);
        Assert.Equal([ProvisioningStep.Runtime, ProvisioningStep.App, ProvisioningStep.Settings, ProvisioningStep.Online],
            progress.Items.Select(p => p.Step).Distinct());
    }

    [Fact]
    public async Task A_write_that_failed_once_is_retried_once_at_a_slower_speed()
    {
        _fake.AddBoard(Port, "flaky-write");
        var result = await Provisioner().RunAsync(Request(), null);
        Assert.True(result.Ok, string.Join('\n', result.Log));
        var calls = _fake.Calls();
        Assert.DoesNotContain("--baud", calls[0]);
        Assert.Equal("115200", calls[1][Array.IndexOf(calls[1], "--baud") + 1]);
        Assert.Contains("--update", calls[1]);
    }

    [Fact]
    public async Task A_board_that_never_enters_its_bootloader_fails_after_one_retry_with_the_boot_advice()
    {
        _fake.AddBoard(Port, "chip-not-detected");
        var result = await Provisioner().RunAsync(Request(), null);
        Assert.False(result.Ok);
        Assert.Equal(ProvisioningStep.Runtime, result.ReachedStep);
        Assert.Equal("hold-boot", result.Failure?.DiagnosisId);
        Assert.Equal(2, _fake.Calls().Length);
    }

    [Fact]
    public async Task A_wrong_port_is_not_retried()
    {
        _fake.AddBoard(Port, "wrong-port");
        var result = await Provisioner().RunAsync(Request(), null);
        Assert.Equal("E4005", result.Failure?.Code);
        Assert.Single(_fake.Calls());
    }

    [Fact]
    public async Task A_board_still_booting_when_its_wifi_is_sent_gets_a_second_try()
    {
        _fake.AddBoard(Port, "device-not-ready");
        var result = await Provisioner().RunAsync(Request(), null);
        Assert.True(result.Ok, string.Join('\n', result.Log));
        Assert.Equal(5, _fake.Calls().Length);
    }

    [Fact]
    public async Task A_native_usb_board_that_comes_back_on_another_port_is_followed_there()
    {
        string board = _fake.AddBoard("/dev/ttyACM0", chip: "ESP32-S3");
        File.WriteAllText(Path.Combine(board, "reenumerate"), "/dev/ttyACM1");
        string Find(string port) => Directory.Exists(Path.Combine(_fake.Devices, port.Replace('/', '_'))) ? port : "/dev/ttyACM1";
        var result = await Provisioner().RunAsync(Request() with { Port = "/dev/ttyACM0", FindPortAgain = Find }, null);
        Assert.True(result.Ok, string.Join('\n', result.Log));
        var calls = _fake.Calls();
        Assert.Contains("/dev/ttyACM0", calls[0]);
        Assert.Contains("/dev/ttyACM1", calls[1]);
        Assert.True(File.Exists(Path.Combine(_fake.Devices, "_dev_ttyACM1", "roboclub.json")));
        Assert.Contains(result.Log, l => l.Contains("moved from /dev/ttyACM0 to /dev/ttyACM1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_board_that_does_not_reach_the_hub_is_written_but_reported_offline()
    {
        _fake.AddBoard(Port);
        var progress = new ListProgress();
        var result = await Provisioner(new Waiter(online: false)).RunAsync(Request(), progress);
        Assert.True(result.Ok);
        Assert.False(result.Online);
        Assert.Contains("Wi-Fi", progress.Items[^1].Message.En);
        Assert.Contains("Biblioteca", progress.Items[^1].Message.Ro);
    }
}
