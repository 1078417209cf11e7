using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RoboClub.Flashing.Provisioning;
using RoboClub.Flashing.Tests;

namespace RoboClub.Browser.Tests;

/// <summary>`roboclub ports` and `roboclub flash` as a librarian runs them, against a fake /sys and fake-nanoff.</summary>
public sealed class FlashingCliTests : IDisposable
{
    readonly FakeSysfs _sys = new();
    readonly FakeNanoffHost _nanoff = new();
    readonly TempFolder _folder = new();

    public void Dispose()
    {
        _sys.Dispose();
        _nanoff.Dispose();
        _folder.Dispose();
    }

    static async Task<(int Exit, string Output)> RoboclubAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "roboclub.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(start)!;
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Ports_lists_the_board_and_says_when_there_is_none()
    {
        var (none, text) = await RoboclubAsync("ports", "--sys-root", _sys.Root, "--lang", "ro");
        Assert.Equal(3, none);
        Assert.Contains("Nicio plăcuță ESP32 găsită", text);
        Assert.Contains("cablul", text);

        _sys.AddUsbSerialBoard("ttyUSB0", "1a86:7523", null, "USB2.0-Serial", "ch341");
        var (found, table) = await RoboclubAsync("ports", "--sys-root", _sys.Root, "--lang", "en");
        Assert.Equal(0, found);
        Assert.Contains("/dev/ttyUSB0", table);
        Assert.Contains("CH340", table);
    }

    /// <summary>`roboclub flash` of one CP2102 board on /dev/ttyUSB0 with the fake nanoff: the board's folder, the data folder, exit code, output.</summary>
    async Task<(string Board, string Data, int Exit, string Output)> FlashOneCp2102Async(string kitOption, string kit, string lang)
    {
        _sys.AddUsbSerialBoard("ttyUSB0", "10c4:ea60", "0001", "CP2102", "cp210x");
        string board = _nanoff.AddBoard("/dev/ttyUSB0");
        string data = _folder.Combine("data");
        Directory.CreateDirectory(Path.Combine(data, "firmware"));
        File.WriteAllBytes(Path.Combine(data, "firmware", "RoboClub.bin"), [9, 9, 9]);
        var (exit, output) = await RoboclubAsync("flash", "--sys-root", _sys.Root, "--nanoff", _nanoff.Tool().FileName, "--data", data,
            "--port", "/dev/ttyUSB0", kitOption, kit, "--wifi-ssid", "Biblioteca", "--wifi-password", "parola-wifi",
            "--hub", "http://127.0.0.1:9/", "--hub-host", "10.1.2.3", "--online-timeout", "1", "--lang", lang);
        return (board, data, exit, output);
    }

    [Fact]
    public async Task Flash_provisions_one_port_and_records_it_in_the_inventory()
    {
        var (board, data, exit, output) = await FlashOneCp2102Async("--profile", "robot", "en");
        Assert.True(exit == 0, output);
        Assert.Contains("1 boards ready: robot-01", output);
        var config = BoardConfigFile.Parse(File.ReadAllText(Path.Combine(board, "roboclub.json")));
        Assert.Equal(("robot-01", "10.1.2.3", 1883, BoardKit.RobotTb6612), (config.Board, config.HubHost, config.HubPort, config.Profile));

        using var db = new SqliteConnection($"Data Source={Path.Combine(data, "inventory.db")}");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT name, profile, chip, usb_serial, mqtt_password_hash FROM boards";
        using var row = cmd.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(("robot-01", "robot-tb6612", "ESP32-D0WD-V3", "0001"), (row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3)));
        Assert.StartsWith("$7$101$", row.GetString(4)); // mosquitto's format (docs/security.md)
        Assert.False(row.Read());
    }

    [Fact]
    public async Task Flash_with_a_kit_writes_that_firmware_profile_and_names_the_board_by_its_kind()
    {
        var (board, data, exit, output) = await FlashOneCp2102Async("--kit", "weather-dht22", "ro");
        Assert.True(exit == 0, output);
        Assert.Contains("Stație meteo cu DHT22", output);
        var config = BoardConfigFile.Parse(File.ReadAllText(Path.Combine(board, "roboclub.json")));
        Assert.Equal(("meteo-01", BoardKit.WeatherDht22), (config.Board, config.Profile));
        using var db = new SqliteConnection($"Data Source={Path.Combine(data, "inventory.db")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT profile FROM boards WHERE name = 'meteo-01'";
        Assert.Equal("weather-dht22", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task Flash_refuses_a_hub_address_the_boards_cannot_use_before_flashing_anything()
    {
        _sys.AddUsbSerialBoard("ttyUSB0", "10c4:ea60", "0001", "CP2102", "cp210x");
        _nanoff.AddBoard("/dev/ttyUSB0");
        string data = _folder.Combine("data");
        Directory.CreateDirectory(Path.Combine(data, "firmware"));
        File.WriteAllBytes(Path.Combine(data, "firmware", "RoboClub.bin"), [9]);
        var (exit, output) = await RoboclubAsync("flash", "--sys-root", _sys.Root, "--nanoff", _nanoff.Tool().FileName, "--data", data,
            "--port", "/dev/ttyUSB0", "--wifi-ssid", "Biblioteca", "--wifi-password", "parola-wifi",
            "--hub", "http://127.0.0.1:9/", "--hub-host", "hub_pc", "--lang", "en");
        Assert.True(exit == 1, output);
        Assert.Contains("cannot use the hub address 'hub_pc'", output);
        Assert.DoesNotContain(_nanoff.Calls(), c => c.Contains("--serialport"));
    }

    [Fact]
    public async Task Flash_of_a_board_that_never_enters_its_bootloader_ends_with_the_boot_advice_and_exit_2()
    {
        _sys.AddUsbSerialBoard("ttyUSB0", "10c4:ea60", "0001", "CP2102", "cp210x");
        _nanoff.AddBoard("/dev/ttyUSB0", scenario: "chip-not-detected");
        string data = _folder.Combine("data");
        Directory.CreateDirectory(Path.Combine(data, "firmware"));
        File.WriteAllBytes(Path.Combine(data, "firmware", "RoboClub.bin"), [9]);
        var (exit, output) = await RoboclubAsync("flash", "--sys-root", _sys.Root, "--nanoff", _nanoff.Tool().FileName, "--data", data,
            "--port", "/dev/ttyUSB0", "--profile", "weather", "--wifi-ssid", "Biblioteca", "--wifi-password", "parola-wifi",
            "--hub", "http://127.0.0.1:9/", "--lang", "ro");
        Assert.True(exit == 2, output);
        Assert.Contains("Ține apăsat butonul BOOT", output);
        Assert.Contains("0 plăcuțe gata", output);
        Assert.Equal(2, _nanoff.Calls().Count(c => c.Contains("--serialport"))); // nanoff's attempt and the automatic retry
    }

    [Fact]
    public async Task Flash_without_nanoff_or_app_image_stops_with_the_reason()
    {
        var (exit, output) = await RoboclubAsync("flash", "--data", _folder.Combine("data"), "--nanoff", _nanoff.Tool().FileName, "--wifi-ssid", "x", "--lang", "ro");
        Assert.Equal(1, exit);
        Assert.Contains("Lipsește imaginea aplicației RoboClub", output);
    }
}
