using System.Net;

#pragma warning disable CS0067 // skeleton: replaced by the implementation

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// An MQTT 3.1.1 + 5.0 broker. Embeddable (the hub hosts one in-process and uses
/// <see cref="PublishAsync"/>/<see cref="Subscribe"/> without a socket) and standalone
/// (`roboclub broker`).
/// </summary>
public sealed partial class MqttBroker : IAsyncDisposable
{
    public MqttBroker(MqttBrokerOptions options) => throw new NotImplementedException();

    public MqttBrokerOptions Options => throw new NotImplementedException();
    /// <summary>The TCP port actually listened on (after <see cref="StartAsync"/>); -1 when disabled.</summary>
    public int Port => throw new NotImplementedException();
    /// <summary>The WebSocket port actually listened on, or null.</summary>
    public int? WebSocketPort => throw new NotImplementedException();
    public MqttBrokerStatistics Statistics => throw new NotImplementedException();
    public IReadOnlyList<MqttClientIdentity> ConnectedClients => throw new NotImplementedException();

    public event Action<MqttClientIdentity>? ClientConnected;
    public event Action<MqttClientIdentity, MqttReasonCode>? ClientDisconnected;

    /// <summary>Loads persisted state, opens the listeners and starts the timers.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Graceful shutdown: stops accepting, tells MQTT 5 clients 0x8B (server shutting down),
    /// closes connections (wills of abruptly closed clients are not sent), saves state.</summary>
    public Task StopAsync() => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();

    /// <summary>Serves one client over any byte stream (TCP, WebSocket, a test pipe) until it disconnects.</summary>
    public Task HandleConnectionAsync(Stream stream, EndPoint? remoteEndPoint, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Publishes as the broker itself (no ACL check), e.g. a command from the hub's web app.</summary>
    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>In-process subscription; the handler runs on its own queue, never on a client's thread.
    /// Dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(string topicFilter, Func<MqttApplicationMessage, ValueTask> handler) => throw new NotImplementedException();
}
