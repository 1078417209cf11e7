using RoboClub.Board.Link;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;

namespace RoboClub.VirtualBoard;

/// <summary>
/// The virtual board's link to the hub: RoboClub.Mqtt's client behind the runtime's
/// <see cref="IHubTransport"/>, exactly as the ESP32 puts nanoFramework.M2Mqtt behind it. It never
/// blocks the board loop: publishes are queued in the client (which resends QoS 1 after a reconnect),
/// and messages from the hub go to <see cref="Handler"/> on the client's thread (the hub link queues
/// them for its Tick). Set <see cref="Handler"/> and the will before <see cref="ConnectAsync"/>.
/// </summary>
public sealed class MqttHubTransport : IHubTransport, IAsyncDisposable
{
    readonly MqttClientOptions _options;
    MqttClient? _client;

    public MqttHubTransport(MqttClientOptions options)
    {
        _options = options;
        _options.AutoReconnect = true;
    }

    public IHubMessageHandler? Handler { get; set; }

    /// <summary>The last will (the hub link's offline status), registered at connect.</summary>
    public void SetWill(string topic, byte[] payload) => _options.Will = new MqttApplicationMessage
    {
        Topic = topic,
        Payload = payload,
        Retain = true,
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
    };

    public bool IsConnected => _client?.IsConnected ?? false;

    /// <summary>Connects once; afterwards the client reconnects by itself with backoff.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_client is null)
        {
            _client = new MqttClient(_options);
            _client.ApplicationMessageReceivedAsync += e =>
            {
                Handler?.OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
            _client.ConnectedAsync += _ => { Handler?.OnConnectionChanged(true); return Task.CompletedTask; };
            _client.DisconnectedAsync += e => { if (e.ClientWasConnected) Handler?.OnConnectionChanged(false); return Task.CompletedTask; };
        }
        return _client.ConnectAsync(cancellationToken);
    }

    public bool Publish(string topic, byte[] payload, bool retain, int qualityOfService)
    {
        var client = _client;
        if (client is null || !client.IsConnected) return false;
        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = payload,
            Retain = retain,
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)Math.Clamp(qualityOfService, 0, 2),
        };
        _ = PublishQuietlyAsync(client, message);
        return true;
    }

    static async Task PublishQuietlyAsync(MqttClient client, MqttApplicationMessage message)
    {
        // The runtime has let go of the data once Publish returned true, so a QoS 1/2 message is tried
        // until acknowledged: a timeout (the hub holds its ack while its database is down, or a
        // reconnect takes long) sends it again. The hub stores a repeated telemetry batch once.
        while (true)
        {
            try
            {
                await client.PublishAsync(message).ConfigureAwait(false);
                return;
            }
            catch (MqttTimeoutException) when (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce) { }
            catch (MqttCommunicationException) { return; /* the client stopped for good */ }
            catch (ObjectDisposedException) { return; }
        }
    }

    public void Subscribe(string topicFilter, int qualityOfService)
    {
        var client = _client;
        if (client is null) return;
        _ = SubscribeQuietlyAsync(client, topicFilter, (MqttQualityOfServiceLevel)Math.Clamp(qualityOfService, 0, 2));
    }

    static async Task SubscribeQuietlyAsync(MqttClient client, string filter, MqttQualityOfServiceLevel qos)
    {
        try { await client.SubscribeAsync(filter, qos).ConfigureAwait(false); }
        catch (MqttCommunicationException) { /* resubscribed on reconnect */ }
    }

    /// <summary>Publishes and waits for the broker's acknowledgement (at most 2 s): for the last words
    /// of a board that leaves cleanly, whose will would not be sent.</summary>
    public async Task PublishAndWaitAsync(string topic, byte[] payload, bool retain)
    {
        var client = _client;
        if (client is null || !client.IsConnected) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = payload, Retain = retain, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException) { /* leaving anyway */ }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is null) return;
        try { await _client.DisconnectAsync().ConfigureAwait(false); } catch (MqttCommunicationException) { }
        await _client.DisposeAsync().ConfigureAwait(false);
    }
}
