namespace RoboClub.Mqtt.Broker;

/// <summary>
/// The broker's state for one client id, which may outlive its connection (persistent sessions):
/// subscriptions, messages waiting to be sent, messages in flight, and QoS 2 ids received but not
/// yet released. All mutable state is guarded by <see cref="Lock"/>.
/// </summary>
internal sealed class Session : Subscriber
{
    public enum InflightState : byte { AwaitingPubAck, AwaitingPubRec, AwaitingPubComp }

    public struct Inflight
    {
        public OutgoingMessage Message;
        public InflightState State;
        public long Sequence; // send order, for resending in order after a reconnect
    }

    readonly MqttBroker _broker;

    public Session(MqttBroker broker, string clientId)
    {
        _broker = broker;
        ClientId = clientId;
    }

    public readonly object Lock = new();
    public string ClientId { get; }
    public override string Id => ClientId;

    /// <summary>Subscriptions by the filter the client sent (with any $share/ prefix).</summary>
    public readonly Dictionary<string, Subscription> Subscriptions = new(StringComparer.Ordinal);
    /// <summary>Messages not sent yet: waiting for an in-flight slot, or for the client to come back.</summary>
    public readonly Queue<OutgoingMessage> Pending = new();
    public readonly Dictionary<ushort, Inflight> InflightMessages = new();
    /// <summary>QoS 2 packet ids received from the client, PUBREC sent, PUBREL not yet received.</summary>
    public readonly HashSet<ushort> IncomingQos2 = new();

    public ClientConnection? Connection;
    /// <summary>Seconds the session lives after its connection closes; 0 = ends with the connection.</summary>
    public uint SessionExpiryInterval;
    public long DisconnectedAtUtcTicks;
    public long DroppedMessages;
    long _sequence;
    ushort _lastPacketId;

    public override bool IsOnline => Volatile.Read(ref Connection) is not null;

    public bool IsExpired(long nowUtcTicks) =>
        Connection is null && SessionExpiryInterval != uint.MaxValue &&
        nowUtcTicks - DisconnectedAtUtcTicks >= SessionExpiryInterval * TimeSpan.TicksPerSecond;

    public override void Deliver(in OutgoingMessage message) => Deliver(message, writeNow: false);

    /// <param name="writeNow">This session is the message's only recipient: its connection may write
    /// it on the caller's thread (see <see cref="ClientConnection.WriteNowOrSignal"/>).</param>
    public override void Deliver(in OutgoingMessage message, bool writeNow)
    {
        ClientConnection? connection;
        lock (Lock)
        {
            connection = Connection;
            // Offline sessions keep QoS 1/2 messages only (QoS 0 may be dropped: spec 3.1.2.5).
            if (connection is null && message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce) return;
            int limit = _broker.Options.MaximumQueuedMessages;
            if (limit > 0 && Pending.Count >= limit)
            {
                DroppedMessages++;
                _broker.OnMessageDropped(this, message.Message, "queue full");
                return;
            }
            Pending.Enqueue(message);
        }
        if (connection is null) return;
        if (writeNow) connection.WriteNowOrSignal();
        else connection.SignalWriter();
    }

    /// <summary>Next free packet identifier (never one still in flight).</summary>
    public ushort NextPacketId()
    {
        for (int i = 0; i < 65535; i++)
        {
            _lastPacketId = (ushort)(_lastPacketId == ushort.MaxValue ? 1 : _lastPacketId + 1);
            if (!InflightMessages.ContainsKey(_lastPacketId)) return _lastPacketId;
        }
        throw new InvalidOperationException("no free packet identifier");
    }

    public void AddInflight(ushort packetId, in OutgoingMessage message)
    {
        InflightMessages[packetId] = new Inflight
        {
            Message = message,
            State = message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce ? InflightState.AwaitingPubAck : InflightState.AwaitingPubRec,
            Sequence = ++_sequence,
        };
    }

    public void RestoreInflight(ushort packetId, in OutgoingMessage message, InflightState state)
    {
        InflightMessages[packetId] = new Inflight { Message = message, State = state, Sequence = ++_sequence };
    }

    /// <summary>In-flight messages in the order they were first sent (for redelivery on reconnect).</summary>
    public List<KeyValuePair<ushort, Inflight>> InflightInOrder()
    {
        var list = new List<KeyValuePair<ushort, Inflight>>(InflightMessages);
        list.Sort((a, b) => a.Value.Sequence.CompareTo(b.Value.Sequence));
        return list;
    }
}
