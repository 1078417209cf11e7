namespace RoboClub.Mqtt.Packets;

public enum MqttPacketType : byte
{
    Connect = 1,
    ConnAck = 2,
    Publish = 3,
    PubAck = 4,
    PubRec = 5,
    PubRel = 6,
    PubComp = 7,
    Subscribe = 8,
    SubAck = 9,
    Unsubscribe = 10,
    UnsubAck = 11,
    PingReq = 12,
    PingResp = 13,
    Disconnect = 14,
    Auth = 15,
}

/// <summary>One decoded MQTT control packet. Fields that only exist in MQTT 5 are ignored for 3.1.1.</summary>
public abstract class MqttPacket
{
    public abstract MqttPacketType Type { get; }

    /// <summary>MQTT 5 user properties (every packet but PINGREQ/PINGRESP may carry them).</summary>
    public List<MqttUserProperty>? UserProperties { get; set; }

    /// <summary>MQTT 5 reason string (acks, DISCONNECT, AUTH, CONNACK).</summary>
    public string? ReasonString { get; set; }
}

/// <summary>A packet that carries a packet identifier.</summary>
public interface IPacketWithIdentifier
{
    ushort PacketId { get; }
}
