using System.Text.Json;

namespace RoboClub.Flashing.Provisioning;

/// <summary>
/// I:\roboclub.json, the file the board's firmware reads at start (format in docs/boards.md and
/// docs/flashing.md; the firmware's reader is DeviceConfig in firmware/RoboClub.Firmware.Esp32/Core):
/// <c>{"board":"meteo-01","club":"club1","hubHost":"192.168.1.20","hubPort":1883,"mqttUser":"meteo-01","mqttPassword":"...","profile":"weather-bme280"}</c>.
/// Keys are lowercase camelCase, in this order; hubPort is a number, everything else a string. Wi-Fi is
/// not here: nanoff stores it in the board (--networkdeployment), which the firmware uses when the file
/// has no wifiSsid.
/// </summary>
public sealed record BoardConfigFile(string Board, string Club, string HubHost, int HubPort, string MqttUser, string MqttPassword, BoardKit Profile)
{
    /// <summary>Where the file lives on the board (nanoFramework's internal flash drive).</summary>
    public const string BoardPath = @"I:\roboclub.json";

    /// <summary>
    /// Why the board's firmware would refuse this hub address (it takes an IPv4 address or a host name:
    /// letters, digits, '.', '-', at most 253 characters), or null when it is fine. Checked before a batch
    /// starts, so no board is flashed with an address it cannot use.
    /// </summary>
    public static LocalText? CheckHubHost(string host)
    {
        if (host.Length is > 0 and <= 253 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')) return null;
        return new($"The boards cannot use the hub address '{host}': give an IPv4 address like 192.168.1.20 or a host name like hub.local.",
            $"Plăcuțele nu pot folosi adresa hubului „{host}”: dă o adresă IPv4 ca 192.168.1.20 sau un nume ca hub.local.");
    }

    static readonly string[] Keys = ["board", "club", "hubHost", "hubPort", "mqttUser", "mqttPassword", "profile"];

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        // The firmware reads plain UTF-8; keep non-ASCII unescaped.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("board", Board);
            w.WriteString("club", Club);
            w.WriteString("hubHost", HubHost);
            w.WriteNumber("hubPort", HubPort);
            w.WriteString("mqttUser", MqttUser);
            w.WriteString("mqttPassword", MqttPassword);
            w.WriteString("profile", Profile.Id());
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads the file back (tests, and the fake board that stands in for the firmware). Unknown keys are refused, as the firmware does.</summary>
    public static BoardConfigFile Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        foreach (var p in r.EnumerateObject())
            if (!Keys.Contains(p.Name)) throw new JsonException($"unknown key \"{p.Name}\"");
        string S(string key) => r.GetProperty(key).GetString() ?? throw new JsonException($"{key} is null");
        string kit = S("profile");
        if (!BoardKits.All.Any(k => k.Id() == kit)) throw new JsonException($"profile must be one of {string.Join(", ", BoardKits.All.Select(k => k.Id()))}");
        BoardKits.TryParse(kit, out var profile);
        return new BoardConfigFile(S("board"), S("club"), S("hubHost"), r.GetProperty("hubPort").GetInt32(), S("mqttUser"), S("mqttPassword"), profile);
    }
}
