namespace RoboClub.Mqtt.Packets;

public sealed class UnsubscribePacket : MqttPacket, IPacketWithIdentifier
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    public ushort PacketId { get; set; }
    public List<string> TopicFilters { get; set; } = new();
}

public sealed class UnsubAckPacket : MqttPacket, IPacketWithIdentifier
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    public ushort PacketId { get; set; }
    /// <summary>MQTT 5 only: one per topic filter (3.1.1 UNSUBACK has none on the wire).</summary>
    public List<MqttReasonCode> ReasonCodes { get; set; } = new();
}
