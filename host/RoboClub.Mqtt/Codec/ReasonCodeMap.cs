namespace RoboClub.Mqtt.Codec;

/// <summary>MQTT 3.1.1 has fewer return codes than MQTT 5 has reason codes; these map between them.</summary>
internal static class ReasonCodeMap
{
    public static MqttReasonCode FromV311ConnAck(byte code) => code switch
    {
        0 => MqttReasonCode.Success,
        1 => MqttReasonCode.UnsupportedProtocolVersion,
        2 => MqttReasonCode.ClientIdentifierNotValid,
        3 => MqttReasonCode.ServerUnavailable,
        4 => MqttReasonCode.BadUserNameOrPassword,
        5 => MqttReasonCode.NotAuthorized,
        _ => throw MqttProtocolException.Malformed($"CONNACK return code {code} is not defined in MQTT 3.1.1"),
    };

    public static byte ToV311ConnAck(MqttReasonCode code) => code switch
    {
        MqttReasonCode.Success => 0,
        MqttReasonCode.UnsupportedProtocolVersion => 1,
        MqttReasonCode.ClientIdentifierNotValid => 2,
        MqttReasonCode.BadUserNameOrPassword => 4,
        MqttReasonCode.NotAuthorized or MqttReasonCode.Banned or MqttReasonCode.BadAuthenticationMethod => 5,
        _ => 3, // server unavailable
    };

    /// <summary>3.1.1 SUBACK: 0, 1, 2 or 0x80 (failure).</summary>
    public static byte ToV311SubAck(MqttReasonCode code) => (byte)code <= 2 ? (byte)code : (byte)0x80;
}
