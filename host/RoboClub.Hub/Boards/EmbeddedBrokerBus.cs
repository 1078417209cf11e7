using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Boards;

/// <summary>The hub talking to its own embedded broker in-process: no socket, no client id.</summary>
public sealed class EmbeddedBrokerBus(MqttBroker broker) : IHubBus
{
    public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default) =>
        broker.PublishAsync(new MqttApplicationMessage
        {
            Topic = topic,
            Payload = payload,
            Retain = retain,
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        }, cancellationToken);

    public IDisposable Subscribe(string filter, Func<BusMessage, ValueTask> handler, bool includeRetained) =>
        broker.Subscribe(filter, m => handler(new BusMessage(m.Topic, m.Payload, m.Retain)), includeRetained);

    /// <summary>The broker holds the board's PUBACK until the handler's task completed (on the board's connection, in its order).</summary>
    public IDisposable SubscribeAcknowledged(string filter, Func<BusMessage, ValueTask> handler) =>
        broker.Subscribe(filter, m => handler(new BusMessage(m.Topic, m.Payload, m.Retain)), includeRetained: false, acknowledgeAfterHandled: true);
}
