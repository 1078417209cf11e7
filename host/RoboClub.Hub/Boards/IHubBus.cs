namespace RoboClub.Hub.Boards;

/// <summary>
/// What the hub needs from MQTT: publish to boards and hear from them. The embedded broker serves
/// one club (<see cref="EmbeddedBrokerBus"/>); a network of clubs points hubs at an external broker
/// through the same interface.
/// </summary>
public interface IHubBus
{
    /// <summary>Publishes at QoS 1.</summary>
    ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default);

    /// <summary>Messages on <paramref name="filter"/>, retained ones first when asked. Dispose to stop.</summary>
    IDisposable Subscribe(string filter, Func<BusMessage, ValueTask> handler, bool includeRetained);
}

public readonly record struct BusMessage(string Topic, ReadOnlyMemory<byte> Payload, bool Retained);
