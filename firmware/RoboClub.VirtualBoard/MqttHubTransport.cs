using RoboClub.Board.Link;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;

namespace RoboClub.VirtualBoard;

/// <summary>
/// The virtual board's link to the hub: RoboClub.Mqtt's client behind the runtime's
/// <see cref="IHubTransport"/>, exactly as the ESP32 puts nanoFramework.M2Mqtt behind it. It never
/// blocks the board loop: publishes are queued in the client (which resends QoS 1 after a reconnect),
/// and messages from the hub are handed to the handler on the client's thread (the hub link queues
/// them for its Tick).
/// </summary>
public sealed class MqttHubTransport : IHubTransport, IAsyncDisposable
{
    readonly MqttClient _client;
    readonly IHubMessageHandler _handler;

    public MqttHubTransport(MqttClientOptions options, IHubMessageHandler handler)
    {
        options.AutoReconnect = true;
        _client = new MqttClient(options);
        _handler = handler;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _handler.OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        _client.ConnectedAsync += _ => { _handler.OnConnectionChanged(true); return Task.CompletedTask; };
        _client.DisconnectedAsync += e => { if (e.ClientWasConnected) _handler.OnConnectionChanged(false); return Task.CompletedTask; };
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects once; afterwards the client reconnects by itself with backoff.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => _client.ConnectAsync(cancellationToken);

    public bool Publish(string topic, byte[] payload, bool retain, int qualityOfService)
    {
        if (!_client.IsConnected) return false;
        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = payload,
            Retain = retain,
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)Math.Clamp(qualityOfService, 0, 2),
        };
        _ = PublishQuietlyAsync(message);
        return true;
    }

    async Task PublishQuietlyAsync(MqttApplicationMessage message)
    {
        try { await _client.PublishAsync(message).ConfigureAwait(false); }
        catch (MqttCommunicationException) { /* the link dropped: the hub link notices and keeps its data */ }
    }

    public void Subscribe(string topicFilter, int qualityOfService)
    {
        _ = SubscribeQuietlyAsync(topicFilter, (MqttQualityOfServiceLevel)Math.Clamp(qualityOfService, 0, 2));
    }

    async Task SubscribeQuietlyAsync(string filter, MqttQualityOfServiceLevel qos)
    {
        try { await _client.SubscribeAsync(filter, qos).ConfigureAwait(false); }
        catch (MqttCommunicationException) { /* resubscribed on reconnect */ }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _client.DisconnectAsync().ConfigureAwait(false); } catch (MqttCommunicationException) { }
        await _client.DisposeAsync().ConfigureAwait(false);
    }
}
