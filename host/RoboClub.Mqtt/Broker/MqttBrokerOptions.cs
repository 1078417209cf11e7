using System.Net;

namespace RoboClub.Mqtt.Broker;

/// <summary>Settings of an <see cref="MqttBroker"/>. Defaults suit one club on one PC.</summary>
public sealed class MqttBrokerOptions
{
    /// <summary>Address of the TCP and WebSocket listeners (loopback unless opened to the LAN).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;
    /// <summary>MQTT over TCP; 0 picks a free port; -1 disables the TCP listener (in-process only).</summary>
    public int Port { get; set; } = 1883;
    /// <summary>MQTT over WebSocket (sub-protocol "mqtt"); null disables it, 0 picks a free port.</summary>
    public int? WebSocketPort { get; set; }
    public string WebSocketPath { get; set; } = "/mqtt";

    /// <summary>Folder for retained messages and persistent sessions; null keeps them in memory only.</summary>
    public string? DataDirectory { get; set; }
    /// <summary>How often changed state is written to <see cref="DataDirectory"/> (it is always written at shutdown).</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection that sends no CONNECT within this time is closed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Largest packet accepted from a client (checked before the packet is buffered).</summary>
    public uint MaximumPacketSize { get; set; } = 1024 * 1024;
    /// <summary>How many QoS 1/2 PUBLISH a client may have unacknowledged at the broker (Receive Maximum).</summary>
    public ushort ReceiveMaximum { get; set; } = 100;
    /// <summary>How many QoS 1/2 messages the broker sends a client before waiting for acks (also capped by the client's Receive Maximum).</summary>
    public int MaximumInflightMessages { get; set; } = 100;
    /// <summary>Messages queued for one client beyond those in flight; 0 = unlimited. When full, new
    /// messages for that client are dropped, counted and logged (never silently).</summary>
    public int MaximumQueuedMessages { get; set; } = 10_000;
    /// <summary>Topic aliases a client may use towards the broker (MQTT 5).</summary>
    public ushort TopicAliasMaximum { get; set; } = 64;
    /// <summary>Upper bound of a session's expiry interval, seconds.</summary>
    public uint MaximumSessionExpiryInterval { get; set; } = uint.MaxValue;
    /// <summary>Publish $SYS/broker/... statistics this often; zero disables them.</summary>
    public TimeSpan SysInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Allow clients without user name (when a <see cref="Security"/> hook is set, it decides).</summary>
    public bool AllowAnonymous { get; set; } = true;

    /// <summary>Authentication and per-topic authorization (the hub's board credentials and ACLs).</summary>
    public IMqttBrokerSecurity? Security { get; set; }

    /// <summary>Log sink; null logs nothing.</summary>
    public Action<MqttLogLevel, string>? Log { get; set; }
}

public enum MqttLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}
