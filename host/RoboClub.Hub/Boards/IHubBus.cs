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

    /// <summary>
    /// For messages that must not be lost (telemetry): a board's QoS 1/2 message on
    /// <paramref name="filter"/> is acknowledged to the board only when the task the handler returned
    /// has completed (the store committed it); if it fails, the message is not acknowledged and is
    /// delivered again (the board, or the external broker holding the hub's session, resends it), so
    /// handlers must recognise repeats. No retained messages. The handler's synchronous part must be
    /// short: it runs in the order of each board's messages. Dispose to stop.
    /// </summary>
    IDisposable SubscribeAcknowledged(string filter, Func<BusMessage, ValueTask> handler);
}

public readonly record struct BusMessage(string Topic, ReadOnlyMemory<byte> Payload, bool Retained);
