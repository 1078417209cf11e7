namespace RoboClub.Mqtt.Client;

/// <summary>The operation needs a connection and there is none (never connected, disconnected,
/// or the link was lost and no reconnect will happen).</summary>
public sealed class MqttClientNotConnectedException(string message = "the MQTT client is not connected", Exception? innerException = null)
    : MqttCommunicationException(message, innerException);
