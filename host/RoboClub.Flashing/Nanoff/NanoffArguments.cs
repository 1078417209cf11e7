using System.Globalization;

namespace RoboClub.Flashing.Nanoff;

/// <summary>Where nanoff's runtime firmware comes from: downloaded each time, or the hub's offline archive.</summary>
public sealed record FirmwareSource(string? ArchiveDirectory, bool FromArchive);

/// <summary>
/// nanoff's command lines for each step, as its README documents them. Every run passes
/// --suppressnanoffversioncheck (no network call to ask about updates while flashing 20 boards).
/// </summary>
public static class NanoffArguments
{
    /// <summary>nanoFramework's current ESP32 4 MB layout puts the deployment partition here; nanoff's
    /// own default (0x1B0000) is from an older layout and misses it (Home#1835).</summary>
    public const uint DefaultDeployAddress = 0x1E0000;

    public static string Hex(uint address) => "0x" + address.ToString("X6", CultureInfo.InvariantCulture);

    /// <summary>Step 1: the nanoFramework runtime. Without a target nanoff picks the ESP32 flavour itself.</summary>
    public static string[] FlashRuntime(string port, string? target, FirmwareSource source, int? baud = null)
    {
        var a = new List<string> { "--update" };
        a.AddRange(target is null ? ["--platform", "esp32"] : ["--target", target]);
        a.AddRange(["--serialport", port]);
        if (source.FromArchive && source.ArchiveDirectory is not null) a.AddRange(["--fromarchive", "--archivepath", source.ArchiveDirectory]);
        if (baud is { } b) a.AddRange(["--baud", b.ToString(CultureInfo.InvariantCulture)]);
        a.Add("--suppressnanoffversioncheck");
        return [.. a];
    }

    /// <summary>Step 2: the RoboClub app, always at an explicit address.</summary>
    public static string[] DeployApp(string port, string? target, string image, uint address, int? baud = null)
    {
        var a = new List<string>();
        a.AddRange(target is null ? ["--platform", "esp32"] : ["--target", target]);
        a.AddRange(["--serialport", port, "--deploy", "--image", image, "--address", Hex(address)]);
        if (baud is { } b) a.AddRange(["--baud", b.ToString(CultureInfo.InvariantCulture)]);
        a.Add("--suppressnanoffversioncheck");
        return [.. a];
    }

    /// <summary>Step 3a: Wi-Fi credentials, stored by nanoFramework in its own network configuration.</summary>
    public static string[] NetworkDeployment(string jsonFile) => ["--networkdeployment", jsonFile, "--suppressnanoffversioncheck"];

    /// <summary>Step 3b: files on the board's internal flash (I:\).</summary>
    public static string[] FileDeployment(string jsonFile) => ["--filedeployment", jsonFile, "--suppressnanoffversioncheck"];

    /// <summary>Fills the offline archive (needs internet); later runs flash with --fromarchive.</summary>
    public static string[] UpdateArchive(string archiveDirectory) => ["--updatearchive", "--platform", "esp32", "--archivepath", archiveDirectory, "--suppressnanoffversioncheck"];
}
