namespace RoboClub.Mqtt.Packets;

public sealed class DisconnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    public MqttReasonCode ReasonCode { get; set; } = MqttReasonCode.NormalDisconnection;
    /// <summary>MQTT 5: a client may change its session expiry when it disconnects.</summary>
    public uint? SessionExpiryInterval { get; set; }
    public string? ServerReference { get; set; }
}
