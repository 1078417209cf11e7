namespace RoboClub.Board.Link
{
    /// <summary>
    /// How the runtime reaches the hub, whatever carries it: nanoFramework.M2Mqtt on the ESP32,
    /// RoboClub.Mqtt on the virtual board, a fake in tests. Messages that arrive are handed to
    /// <see cref="IHubMessageHandler"/> by the transport.
    /// </summary>
    public interface IHubTransport
    {
        bool IsConnected { get; }

        /// <summary>Sends a message; false when not connected (the caller keeps what must not be lost).</summary>
        bool Publish(string topic, byte[] payload, bool retain, int qualityOfService);

        void Subscribe(string topicFilter, int qualityOfService);
    }

    /// <summary>Receives what the transport gets from the hub, and link changes.</summary>
    public interface IHubMessageHandler
    {
        void OnMessage(string topic, byte[] payload);

        void OnConnectionChanged(bool connected);
    }
}
