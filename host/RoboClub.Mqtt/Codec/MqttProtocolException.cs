namespace RoboClub.Mqtt.Codec;

/// <summary>
/// A packet broke the protocol. <see cref="ReasonCode"/> is what the receiver sends in its MQTT 5
/// DISCONNECT (0x81 malformed, 0x82 protocol error, 0x95 too large, ...) before closing.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttReasonCode ReasonCode { get; }

    public MqttProtocolException(MqttReasonCode reasonCode, string message) : base(message)
    {
        ReasonCode = reasonCode;
    }

    public static MqttProtocolException Malformed(string message) => new(MqttReasonCode.MalformedPacket, message);
    public static MqttProtocolException Protocol(string message) => new(MqttReasonCode.ProtocolError, message);
}
