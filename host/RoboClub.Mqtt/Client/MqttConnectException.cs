namespace RoboClub.Mqtt.Client;

/// <summary>The server refused the connection: CONNACK carried a reason code of 0x80 or above
/// (BadUserNameOrPassword, NotAuthorized, UnsupportedProtocolVersion, ...).</summary>
public sealed class MqttConnectException(MqttClientConnectResult result)
    : MqttCommunicationException($"the server refused the connection: {result.ResultCode} (0x{(byte)result.ResultCode:X2}){(result.ReasonString is null ? "" : ": " + result.ReasonString)}")
{
    public MqttReasonCode ReasonCode => Result.ResultCode;
    public MqttClientConnectResult Result { get; } = result;
}
