using System.Text.Json;

namespace RoboClub.Flashing.Provisioning;

/// <summary>
/// I:\roboclub.json, the file the board's firmware reads at start (format in docs/flashing.md):
/// <c>{"name":"meteo-01","club":"club1","hubHost":"192.168.1.20","hubPort":1883,"mqttUser":"meteo-01","mqttPassword":"...","profile":"weather"}</c>.
/// Keys are lowercase camelCase, in this order; hubPort is a number, everything else a string.
/// </summary>
public sealed record BoardConfigFile(string Name, string Club, string HubHost, int HubPort, string MqttUser, string MqttPassword, BoardProfile Profile)
{
    /// <summary>Where the file lives on the board (nanoFramework's internal flash drive).</summary>
    public const string BoardPath = @"I:\roboclub.json";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        // nanoFramework.Json reads plain UTF-8; keep non-ASCII (a club called "Biblioteca Județeană") unescaped.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", Name);
            w.WriteString("club", Club);
            w.WriteString("hubHost", HubHost);
            w.WriteNumber("hubPort", HubPort);
            w.WriteString("mqttUser", MqttUser);
            w.WriteString("mqttPassword", MqttPassword);
            w.WriteString("profile", Profile.Name());
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads the file back (tests, and the fake board that stands in for the firmware).</summary>
    public static BoardConfigFile Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        string S(string key) => r.GetProperty(key).GetString() ?? throw new JsonException($"{key} is null");
        if (!BoardProfiles.TryParse(S("profile"), out var profile)) throw new JsonException("profile must be robot or weather");
        return new BoardConfigFile(S("name"), S("club"), S("hubHost"), r.GetProperty("hubPort").GetInt32(), S("mqttUser"), S("mqttPassword"), profile);
    }
}
