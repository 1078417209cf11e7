using System.Net;
using Microsoft.Extensions.Options;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Serve;

/// <summary>
/// The club's MQTT broker inside the hub process, where boards connect. Its retained messages and
/// sessions live in `{data}/broker`, so boards' programs and statuses survive a restart.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    public EmbeddedBroker(IOptions<HubSettings> options, ILogger<EmbeddedBroker> logger)
    {
        var settings = options.Value;
        string data = Path.Combine(settings.DataDirectory, "broker");
        Directory.CreateDirectory(data);
        Broker = new MqttBroker(new MqttBrokerOptions
        {
            Port = settings.MqttPort,
            ListenAddress = settings.Lan ? IPAddress.Any : IPAddress.Loopback,
            DataDirectory = data,
            Log = (level, message) => logger.Log(level switch
            {
                MqttLogLevel.Debug => LogLevel.Debug,
                MqttLogLevel.Information => LogLevel.Information,
                MqttLogLevel.Warning => LogLevel.Warning,
                _ => LogLevel.Error,
            }, "{Message}", message),
        });
    }

    public MqttBroker Broker { get; }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
