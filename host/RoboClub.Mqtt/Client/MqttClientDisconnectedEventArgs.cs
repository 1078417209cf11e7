namespace RoboClub.Mqtt.Client;

/// <summary>
/// Raised when a connection ends, and after each failed automatic reconnect attempt
/// (<see cref="ClientWasConnected"/> false).
/// </summary>
public sealed class MqttClientDisconnectedEventArgs : EventArgs
{
    /// <summary>False for a reconnect attempt that failed before CONNACK.</summary>
    public bool ClientWasConnected { get; init; }
    /// <summary>True when a DISCONNECT packet ended the connection (sent by us or by the server);
    /// false when the link broke (socket error, keep-alive timeout, protocol error).</summary>
    public bool IsClean { get; init; }
    /// <summary>True when the server sent DISCONNECT (MQTT 5, e.g. SessionTakenOver, ServerShuttingDown).</summary>
    public bool InitiatedByServer { get; init; }
    /// <summary>The DISCONNECT reason code (ours or the server's), or why the link was dropped
    /// (KeepAliveTimeout, MalformedPacket, ...; UnspecifiedError for a broken socket).</summary>
    public MqttReasonCode ReasonCode { get; init; }
    public string? ReasonString { get; init; }
    /// <summary>MQTT 5: the server's DISCONNECT may name another server to use.</summary>
    public string? ServerReference { get; init; }
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; init; }
    public Exception? Exception { get; init; }
    /// <summary>True when the client will try to reconnect.</summary>
    public bool WillReconnect { get; init; }
}
