namespace RoboClub.Mqtt.Client;

/// <summary>The server did not answer in time (CONNACK within ConnectTimeout, an ack within Timeout).
/// The inner exception is a <see cref="TimeoutException"/>.</summary>
public sealed class MqttTimeoutException(string message)
    : MqttCommunicationException(message, new TimeoutException(message));
