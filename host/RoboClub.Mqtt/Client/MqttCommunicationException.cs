namespace RoboClub.Mqtt.Client;

/// <summary>The base of every client failure: server unreachable (inner <see cref="System.Net.Sockets.SocketException"/>),
/// connection lost, protocol violation by the server, refused connect, timeout.</summary>
public class MqttCommunicationException : Exception
{
    public MqttCommunicationException(string message, Exception? innerException = null) : base(message, innerException) { }
}
