namespace RoboClub.Mqtt.Packets;

/// <summary>PUBACK, PUBREC, PUBREL and PUBCOMP share one shape: packet id, reason code, properties.</summary>
public abstract class PublishResponsePacket : MqttPacket, IPacketWithIdentifier
{
    public ushort PacketId { get; set; }
    public MqttReasonCode ReasonCode { get; set; }
}

public sealed class PubAckPacket : PublishResponsePacket
{
    public override MqttPacketType Type => MqttPacketType.PubAck;
}

public sealed class PubRecPacket : PublishResponsePacket
{
    public override MqttPacketType Type => MqttPacketType.PubRec;
}

public sealed class PubRelPacket : PublishResponsePacket
{
    public override MqttPacketType Type => MqttPacketType.PubRel;
}

public sealed class PubCompPacket : PublishResponsePacket
{
    public override MqttPacketType Type => MqttPacketType.PubComp;
}
