using RoboClub.Flashing.Nanoff;

namespace RoboClub.Flashing.Provisioning;

/// <summary>Everything needed to turn one plugged-in board into a named club board.</summary>
/// <param name="Target">A nanoFramework target (ESP32_S3, ...) or null to let nanoff detect the ESP32 flavour.</param>
/// <param name="AppImage">RoboClub's app (.bin deployment image) built from firmware/RoboClub.Firmware.Esp32.</param>
public sealed record ProvisioningRequest(
    string Port,
    BoardConfigFile Config,
    string WifiSsid,
    string WifiPassword,
    string AppImage,
    FirmwareSource Firmware,
    string? Target = null,
    uint DeployAddress = NanoffArguments.DefaultDeployAddress,
    bool SkipRuntime = false)
{
    /// <summary>
    /// Where the board is now. ESP32-S3/C3 boards on their own USB re-enumerate after a flash and may come
    /// back as another ttyACM/COM port; the batch finds them again by USB serial number. Null: the port never moves.
    /// </summary>
    public Func<string, string>? FindPortAgain { get; init; }
}

/// <summary>What provisioning learned and how it ended.</summary>
public sealed record ProvisioningResult(bool Ok, ProvisioningStep ReachedStep, NanoffFailure? Failure, string? Chip, string? Mac, string? FirmwareVersion, bool Online, IReadOnlyList<string> Log);

/// <summary>Step 4: the hub says when a board came online (its board registry); the CLI asks the hub over HTTP.</summary>
public interface IBoardOnlineWaiter
{
    Task<bool> WaitOnlineAsync(string board, TimeSpan timeout, CancellationToken cancellationToken);
}
