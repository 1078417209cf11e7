using System.Text.Json;

namespace RoboClub.Flashing.Nanoff;

/// <summary>
/// The JSON files nanoff reads for --filedeployment and --networkdeployment (nanoff README):
/// <c>{"SerialPort":"COM5","Files":[{"DestinationFilePath":"I:\\roboclub.json","SourceFilePath":"C:\\...\\roboclub.json"}]}</c> and
/// <c>{"SerialPort":"COM5","WirelessClient":{"SSID":"x","Password":"y"}}</c>.
/// </summary>
public static class DeploymentFiles
{
    public static string FileDeployment(string port, IEnumerable<(string Destination, string Source)> files)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("SerialPort", port);
            w.WriteStartArray("Files");
            foreach (var (destination, source) in files)
            {
                w.WriteStartObject();
                w.WriteString("DestinationFilePath", destination);
                w.WriteString("SourceFilePath", source);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string NetworkDeployment(string port, string ssid, string password)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("SerialPort", port);
            w.WriteStartObject("WirelessClient");
            w.WriteString("SSID", ssid);
            w.WriteString("Password", password);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
