namespace RoboClub.Hub.Flashing;

/// <summary>One board the club flashed: what it is, what it got, when. The MQTT password is kept only as
/// a slow hash (pbkdf2-sha256, the broker's own format), never in plain text.</summary>
public sealed record InventoryBoard
{
    public required string Name { get; init; }
    public required string Club { get; init; }
    /// <summary>The kit, as written to the board's roboclub.json: "robot-tb6612", "weather-bme280", ... (BoardKits).</summary>
    public required string Profile { get; init; }
    public string? Chip { get; init; }
    public string? Mac { get; init; }
    /// <summary>The USB bridge's vendor:product id and serial number, to recognise the board when it is plugged in again.</summary>
    public string? UsbId { get; init; }
    public string? UsbSerial { get; init; }
    /// <summary>The nanoFramework firmware version nanoff wrote.</summary>
    public string? Firmware { get; init; }
    /// <summary>First 12 hex digits of the RoboClub app image's SHA-256.</summary>
    public string? AppHash { get; init; }
    public required string MqttUser { get; init; }
    [System.Text.Json.Serialization.JsonIgnore]
    public string MqttPasswordHash { get; init; } = "";
    public DateTimeOffset ProvisionedAt { get; init; }
    /// <summary>When the hub first saw it online after flashing; null: not yet.</summary>
    public DateTimeOffset? FirstOnline { get; init; }
}
