namespace RoboClub.Mqtt.Client;

/// <summary>
/// One received message. QoS 1/2 messages are acknowledged after every handler has returned;
/// MQTT 5 handlers may set <see cref="ReasonCode"/> (e.g. 0x80+ to refuse) for that PUBACK/PUBREC.
/// A handler may hold the acknowledgement until later work is done with <see cref="AcknowledgeAfter"/>.
/// </summary>
public sealed class MqttApplicationMessageReceivedEventArgs(string clientId, MqttApplicationMessage applicationMessage, ushort packetIdentifier, bool isDuplicate) : EventArgs
{
    public string ClientId { get; } = clientId;
    public MqttApplicationMessage ApplicationMessage { get; } = applicationMessage;
    /// <summary>0 for QoS 0.</summary>
    public ushort PacketIdentifier { get; } = packetIdentifier;
    /// <summary>The DUP flag: the server may have sent this message before (QoS 1 can arrive twice).</summary>
    public bool IsDuplicate { get; } = isDuplicate;
    public MqttReasonCode ReasonCode { get; set; } = MqttReasonCode.Success;

    internal Task? AcknowledgeTask { get; private set; }

    /// <summary>
    /// Sends the PUBACK/PUBREC only when <paramref name="work"/> has completed (e.g. the message is
    /// committed to a database), while the next messages are already handed to the handlers. Acks
    /// still leave in the order the messages arrived. If <paramref name="work"/> fails, the message is
    /// not acknowledged and the connection is dropped (the client reconnects when AutoReconnect is on),
    /// so a server holding the session sends the message again. Call it from the handler, before it returns.
    /// </summary>
    public void AcknowledgeAfter(Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        AcknowledgeTask = AcknowledgeTask is null ? work : Task.WhenAll(AcknowledgeTask, work);
    }
}
