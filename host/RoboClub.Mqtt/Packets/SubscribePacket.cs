namespace RoboClub.Mqtt.Packets;

public sealed class SubscribePacket : MqttPacket, IPacketWithIdentifier
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    public ushort PacketId { get; set; }
    /// <summary>MQTT 5 Subscription Identifier (0: none).</summary>
    public uint SubscriptionIdentifier { get; set; }
    public List<MqttTopicFilter> TopicFilters { get; set; } = new();
}

public sealed class SubAckPacket : MqttPacket, IPacketWithIdentifier
{
    public override MqttPacketType Type => MqttPacketType.SubAck;

    public ushort PacketId { get; set; }
    /// <summary>One per topic filter: GrantedQoS0..2 or a failure code (>= 0x80).</summary>
    public List<MqttReasonCode> ReasonCodes { get; set; } = new();
}
