using System.Globalization;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub;

/// <summary>The broker's log on the console: information on stdout, warnings and errors on stderr.</summary>
internal sealed class ConsoleLog(TextWriter output, TextWriter error, bool verbose)
{
    readonly Lock _lock = new();

    public void Write(MqttLogLevel level, string message)
    {
        if (level == MqttLogLevel.Debug && !verbose) return;
        string time = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        string label = level switch
        {
            MqttLogLevel.Debug => "debug",
            MqttLogLevel.Information => "info",
            MqttLogLevel.Warning => "warning",
            _ => "error",
        };
        var writer = level >= MqttLogLevel.Warning ? error : output;
        lock (_lock)
        {
            writer.WriteLine($"{time} {label}: {message}");
            writer.Flush();
        }
    }
}
