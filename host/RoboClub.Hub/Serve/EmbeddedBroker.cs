using System.Net;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Flashing;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Serve;

/// <summary>
/// The club's MQTT broker inside the hub process, where boards connect. Its retained messages and
/// sessions live in `{data}/broker`, so boards' programs and statuses survive a restart. Boards log
/// in with their own credentials and are held to their ACL (<see cref="BoardBrokerSecurity"/>).
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    public EmbeddedBroker(IOptions<HubSettings> options, BoardInventory inventory, ILoggerFactory loggers)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger<EmbeddedBroker>();
        string data = Path.Combine(settings.DataDirectory, "broker");
        Directory.CreateDirectory(data);
        Logins = new BoardLogins(inventory, loggers.CreateLogger<BoardLogins>());
        Security = new BoardBrokerSecurity(Logins, new BoardAcl(settings.Club), settings.BoardLogins, loggers.CreateLogger<BoardBrokerSecurity>());
        if (settings.BoardLogins == BoardLoginMode.Open && settings.Broker is null)
            logger.LogWarning("Board logins are open (--board-logins open): any device on the network can connect without a password and drive any board.");
        Broker = new MqttBroker(new MqttBrokerOptions
        {
            Port = settings.MqttPort,
            ListenAddress = settings.Lan ? IPAddress.Any : IPAddress.Loopback,
            DataDirectory = data,
            Security = Security,
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

    /// <summary>The boards' logins: the hub gives its own virtual boards run-time ones here.</summary>
    public BoardLogins Logins { get; }

    /// <summary>The broker's hook, with its denial counters.</summary>
    public BoardBrokerSecurity Security { get; }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
