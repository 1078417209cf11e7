namespace RoboClub.Mqtt.Client;

/// <summary>
/// One received message. QoS 1/2 messages are acknowledged after every handler has returned;
/// MQTT 5 handlers may set <see cref="ReasonCode"/> (e.g. 0x80+ to refuse) for that PUBACK/PUBREC.
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
}
