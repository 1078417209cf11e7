namespace RoboClub.Hub.Flashing;

/// <summary>
/// Settings of the librarian's flashing tools, configuration section "Flashing" (e.g.
/// `--Flashing:Target=ESP32_S3`). Every one has a default that suits a club; tests point the
/// paths at fakes.
/// </summary>
public sealed class FlashingSettings
{
    public const string Section = "Flashing";

    /// <summary>How to start nanoff ("nanoff", "dotnet /path/fake-nanoff.dll"); null: look for it (data folder, PATH, ~/.dotnet/tools).</summary>
    public string? Nanoff { get; set; }

    /// <summary>The RoboClub app image; null: {data}/firmware/RoboClub.bin.</summary>
    public string? AppImage { get; set; }

    /// <summary>nanoFramework target (ESP32_REV0, ESP32_S3, ...); null lets nanoff detect the ESP32 flavour.</summary>
    public string? Target { get; set; }

    /// <summary>Where the app goes in flash (nanoFramework's current 4 MB layout). Text such as "0x1E0000".</summary>
    public string DeployAddress { get; set; } = "0x1E0000";

    /// <summary>The address boards are told to reach the hub at; null: this PC's network address.</summary>
    public string? HubHost { get; set; }

    /// <summary>A fake Linux root for sysfs (tests and demos); null: the real machine.</summary>
    public string? SysRoot { get; set; }

    /// <summary>A fake /proc (tests); null: /proc.</summary>
    public string? ProcRoot { get; set; }

    /// <summary>How often the wizard looks for a newly plugged board.</summary>
    public int PollMs { get; set; } = 500;

    /// <summary>How long a flashed board has to appear on the hub.</summary>
    public int OnlineTimeoutSeconds { get; set; } = 120;

    /// <summary>Pause after a flash before talking to the rebooted board.</summary>
    public int SettleMs { get; set; } = 2000;

    public uint DeployAddressValue =>
        uint.TryParse(DeployAddress.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? DeployAddress[2..] : DeployAddress,
            System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : RoboClub.Flashing.Nanoff.NanoffArguments.DefaultDeployAddress;

    public static string FirmwareDirectory(string dataDirectory) => Path.Combine(dataDirectory, "firmware");

    public string AppImagePath(string dataDirectory) => AppImage ?? Path.Combine(FirmwareDirectory(dataDirectory), "RoboClub.bin");

    public static string ArchiveDirectory(string dataDirectory) => Path.Combine(FirmwareDirectory(dataDirectory), "nanoff-archive");
}
