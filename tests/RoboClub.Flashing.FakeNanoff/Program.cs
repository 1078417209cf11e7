using System.Globalization;
using System.Text.Json;

namespace RoboClub.Flashing.FakeNanoff;

/// <summary>The fake's entry point: check, then replay (see README.md).</summary>
public static class Program
{
    static readonly HashSet<string> Flags = ["--update", "--deploy", "--fromarchive", "--suppressnanoffversioncheck", "--updatearchive", "--nanodevice", "--masserase", "--listports"];
    static readonly HashSet<string> WithValue = ["--platform", "--target", "--serialport", "--archivepath", "--baud", "--image", "--address", "--networkdeployment", "--filedeployment"];

    public static int Main(string[] args)
    {
        Console.WriteLine(".NET nanoFramework Firmware Flasher v2.5.162+fake");
        Console.WriteLine("Copyright (C) 2019 .NET Foundation and nanoFramework project contributors");
        Console.WriteLine();
        string? state = Environment.GetEnvironmentVariable("FAKE_NANOFF_STATE");
        if (state is not null)
        {
            Directory.CreateDirectory(state);
            File.AppendAllText(Path.Combine(state, "calls.log"), string.Join('\t', args) + "\n");
        }
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (Flags.Contains(args[i])) options[args[i]] = null;
            else if (WithValue.Contains(args[i]) && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) options[args[i]] = args[++i];
            else return Invalid($"unknown or incomplete option '{args[i]}'");
        }
        try
        {
            return new Replay(options, state).Run();
        }
        catch (InvalidArgumentsException e)
        {
            return Invalid(e.Message);
        }
    }

    internal static int Invalid(string why) => Fail(9000, "Invalid or missing arguments.", why);

    internal static int Fail(int code, string display, string? extra = null)
    {
        Console.WriteLine(extra is null ? $"Error E{code}: {display}" : $"Error E{code}: {display} ({extra})");
        return code; // the OS keeps the low 8 bits on Linux and macOS, as with the real nanoff
    }
}

sealed class InvalidArgumentsException(string message) : Exception(message);

/// <summary>One run: what the options ask for, on the fake board at --serialport.</summary>
sealed class Replay(Dictionary<string, string?> o, string? state)
{
    static readonly int Delay = int.TryParse(Environment.GetEnvironmentVariable("FAKE_NANOFF_DELAY_MS"), out int d) ? d : 10;
    readonly string? _devices = Environment.GetEnvironmentVariable("FAKE_NANOFF_DEVICES");

    bool Has(string option) => o.ContainsKey(option);
    string? Value(string option) => o.GetValueOrDefault(option);

    public int Run()
    {
        if (Has("--updatearchive")) return UpdateArchive();
        if (Has("--networkdeployment")) return NetworkDeployment(Value("--networkdeployment")!);
        if (Has("--filedeployment")) return FileDeployment(Value("--filedeployment")!);
        if (!Has("--update") && !Has("--deploy")) throw new InvalidArgumentsException("no operation");
        if (!Has("--platform") && !Has("--target")) throw new InvalidArgumentsException("--platform or --target is required");
        if (Has("--platform") && Value("--platform") != "esp32") return Program.Fail(9013, "Unsupported platform. Valid options are: esp32, stm32, cc13x2");
        string port = Value("--serialport") ?? throw new InvalidArgumentsException("--serialport is required");
        if (Value("--baud") is { } baud && !int.TryParse(baud, out _)) throw new InvalidArgumentsException("--baud must be a number");
        if (Has("--fromarchive") && Value("--archivepath") is null) throw new InvalidArgumentsException("--fromarchive needs --archivepath");
        if (Has("--deploy")) CheckDeploy();

        string scenario = Scenario(port);
        if (scenario == "wrong-port" || (_devices is not null && !Directory.Exists(Board(port))))
            return Program.Fail(4005, "Failed to open specified COM port.", port);
        Console.Write("Reading details from chip...");
        Console.Out.Flush();
        if (scenario == "timeout") { Thread.Sleep(TimeSpan.FromMinutes(10)); return 1; }
        if (scenario == "chip-not-detected")
        {
            Console.WriteLine();
            return Program.Fail(4000, "Error executing esptool command.", "Failed to connect to ESP32: no serial data received. Hold BOOT while connecting.");
        }
        Console.WriteLine("OK");
        Console.WriteLine();
        Console.WriteLine("Connected to:");
        Console.WriteLine($"{Chip(port)} (revision 3)");
        Console.WriteLine("Features WiFi, BT, Dual Core, 240MHz, VRef calibration in efuse, Coding Scheme None");
        Console.WriteLine("Flash size 4MB from WINBOND (manufacturer 0xEF device 0x4016)");
        Console.WriteLine("PSRAM: not available");
        Console.WriteLine("Crystal: 40MHz");
        Console.WriteLine($"MAC: {Mac(port)}");
        Console.WriteLine();
        if (Has("--update"))
        {
            if (Has("--fromarchive") && !Directory.EnumerateFiles(Value("--archivepath")!, "*", SearchOption.AllDirectories).Any())
                return Program.Fail(9005, "Can't find the target in Cloudsmith repository.", "not in the offline archive");
            if (scenario == "offline") return Program.Fail(9007, "Error downloading firmware file.");
            Console.WriteLine("Updating to 1.12.1.58");
            Console.WriteLine("Erasing flash...OK");
            int? failAt = scenario == "write-failed" || (scenario == "flaky-write" && Once(port, "write")) ? 40 : null;
            if (Write(0x1000, failAt) is { } failed) return failed;
        }
        if (Has("--deploy"))
        {
            Console.WriteLine($"Deploying managed application to {Value("--address")}");
            if (Write(uint.Parse(Value("--address")![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture), null) is { } failed) return failed;
            if (_devices is not null) File.Copy(Value("--image")!, Path.Combine(Board(port), "deployment.bin"), overwrite: true);
        }
        Console.WriteLine("OK");
        // An ESP32-S3/C3 on its own USB comes back as another port after a reset.
        if (_devices is not null && File.Exists(Path.Combine(Board(port), "reenumerate")))
        {
            string next = File.ReadAllText(Path.Combine(Board(port), "reenumerate")).Trim();
            File.Delete(Path.Combine(Board(port), "reenumerate"));
            Directory.Move(Board(port), Board(next));
        }
        return 0;
    }

    void CheckDeploy()
    {
        string image = Value("--image") ?? throw new InvalidArgumentsException("--deploy needs --image");
        if (!File.Exists(image)) throw new InvalidArgumentsException($"image not found: {image}");
        string address = Value("--address") ?? throw new InvalidArgumentsException("--deploy without --address would use nanoff's stale default 0x1B0000");
        if (!address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || address.Length is < 3 or > 10
            || !uint.TryParse(address[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
            throw new InvalidArgumentsException("--address must be hexadecimal like 0x1E0000");
    }

    /// <summary>Progress lines as nanoff's ESP32 writer prints them; null when the write succeeded.</summary>
    static int? Write(uint address, int? failAt)
    {
        Console.WriteLine("Writing firmware...");
        for (int pct = 0; pct <= 100; pct += 5)
        {
            if (failAt is { } f && pct >= f) return Program.Fail(4003, "Failed to write new firmware to ESP32.", "A fatal error occurred: Packet content transfer stopped");
            Console.WriteLine($"Writing at 0x{address + (uint)pct * 0x4000:x8}... ({pct} %)");
            Thread.Sleep(Delay);
        }
        return null;
    }

    int NetworkDeployment(string file)
    {
        using var doc = ReadJson(file);
        var root = doc.RootElement;
        string port = RequireString(root, "SerialPort");
        if (!root.TryGetProperty("WirelessClient", out var wifi) || wifi.ValueKind != JsonValueKind.Object)
            throw new InvalidArgumentsException("WirelessClient object missing");
        string ssid = RequireString(wifi, "SSID");
        if (ssid.Length == 0 || ssid.Length > 32) throw new InvalidArgumentsException("SSID must have 1-32 characters");
        RequireString(wifi, "Password");
        if (WireProtocol(port) is { } failed) return failed;
        Console.WriteLine("Updating network configuration...OK");
        if (_devices is not null) File.Copy(file, Path.Combine(Board(port), "wifi.json"), overwrite: true);
        return 0;
    }

    int FileDeployment(string file)
    {
        using var doc = ReadJson(file);
        var root = doc.RootElement;
        string port = RequireString(root, "SerialPort");
        if (!root.TryGetProperty("Files", out var files) || files.ValueKind != JsonValueKind.Array || files.GetArrayLength() == 0)
            throw new InvalidArgumentsException("Files array missing or empty");
        foreach (var f in files.EnumerateArray())
        {
            string destination = RequireString(f, "DestinationFilePath");
            if (!destination.StartsWith(@"I:\", StringComparison.Ordinal)) throw new InvalidArgumentsException($"DestinationFilePath must be on I:\\ ({destination})");
            string source = RequireString(f, "SourceFilePath");
            if (!File.Exists(source)) throw new InvalidArgumentsException($"SourceFilePath not found: {source}");
            if (destination == @"I:\roboclub.json") CheckBoardConfig(source);
        }
        if (WireProtocol(port) is { } failed) return failed;
        foreach (var f in files.EnumerateArray())
        {
            string destination = f.GetProperty("DestinationFilePath").GetString()!;
            Console.WriteLine($"Deploying {destination}...OK");
            if (_devices is not null) File.Copy(f.GetProperty("SourceFilePath").GetString()!, Path.Combine(Board(port), destination[3..]), overwrite: true);
        }
        return 0;
    }

    /// <summary>The nanoCLR wire protocol: only a board that was flashed answers.</summary>
    int? WireProtocol(string port)
    {
        if (_devices is not null && !Directory.Exists(Board(port))) return Program.Fail(2000, "Error connecting to nano device.", port);
        if (Scenario(port) == "device-not-ready" && Once(port, "wire")) return Program.Fail(2000, "Error connecting to nano device.");
        return null;
    }

    int UpdateArchive()
    {
        string dir = Value("--archivepath") ?? throw new InvalidArgumentsException("--updatearchive needs --archivepath");
        if (Value("--platform") != "esp32" && !Has("--target")) throw new InvalidArgumentsException("--updatearchive needs --platform or --target");
        if (Environment.GetEnvironmentVariable("FAKE_NANOFF_SCENARIO") == "offline") return Program.Fail(9007, "Error downloading firmware file.");
        Directory.CreateDirectory(dir);
        foreach (var target in new[] { "ESP32_REV0", "ESP32_PSRAM_REV3", "ESP32_S3" })
        {
            Console.WriteLine($"Downloading {target} 1.12.1.58...OK");
            File.WriteAllText(Path.Combine(dir, $"{target}-1.12.1.58.zip"), "fake firmware package");
        }
        return 0;
    }

    /// <summary>
    /// The real nanoff deploys any file, but the board's firmware would refuse this one at boot and never
    /// come online: the fake checks it at deploy time with the firmware's own reader (DeviceConfig, linked
    /// from firmware/RoboClub.Firmware.Esp32), so a test sees why at once.
    /// </summary>
    static void CheckBoardConfig(string file)
    {
        try { RoboClub.Firmware.DeviceConfig.Parse(File.ReadAllText(file)); }
        catch (RoboClub.Firmware.ConfigException e) { throw new InvalidArgumentsException($"the firmware would refuse I:\\roboclub.json: {e.Message}"); }
    }

    static JsonDocument ReadJson(string file)
    {
        if (!File.Exists(file)) throw new InvalidArgumentsException($"file not found: {file}");
        try { return JsonDocument.Parse(File.ReadAllText(file)); }
        catch (JsonException e) { throw new InvalidArgumentsException($"not JSON: {e.Message}"); }
    }

    static string RequireString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new InvalidArgumentsException($"{name} must be a string");

    string Board(string port) => Path.Combine(_devices!, port.Replace('/', '_').Replace('\\', '_'));

    string Scenario(string port)
    {
        if (_devices is not null && File.Exists(Path.Combine(Board(port), "scenario"))) return File.ReadAllText(Path.Combine(Board(port), "scenario")).Trim();
        return Environment.GetEnvironmentVariable("FAKE_NANOFF_SCENARIO") ?? "ok";
    }

    string Chip(string port) =>
        _devices is not null && File.Exists(Path.Combine(Board(port), "chip")) ? File.ReadAllText(Path.Combine(Board(port), "chip")).Trim() : "ESP32-D0WD-V3";

    /// <summary>A MAC that stays the same for one port.</summary>
    static string Mac(string port)
    {
        uint h = 2166136261;
        foreach (char c in port) h = (h ^ c) * 16777619;
        return string.Create(CultureInfo.InvariantCulture, $"24:0a:c4:{(h >> 16) & 0xff:x2}:{(h >> 8) & 0xff:x2}:{h & 0xff:x2}");
    }

    /// <summary>True the first time this happens for this port (needs FAKE_NANOFF_STATE).</summary>
    bool Once(string port, string what)
    {
        if (state is null) return false;
        string marker = Path.Combine(state, $"{what}-{port.Replace('/', '_')}.done");
        if (File.Exists(marker)) return false;
        File.WriteAllText(marker, "");
        return true;
    }
}
