namespace RoboClub.Mqtt.Client;

/// <summary>
/// Settings of an <see cref="MqttClient"/> (MQTTnet's names). MQTT 5-only settings are ignored on
/// 3.1.1 connections. The client reads them on every connect, so change them only while disconnected.
/// </summary>
public sealed class MqttClientOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 1883;

    /// <summary>Empty: the server assigns one (MQTT 5 reports it; the client reuses it on reconnect).</summary>
    public string ClientId { get; set; } = "";

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>Clean Start (5.0) / Clean Session (3.1.1): true discards any session the server kept.</summary>
    public bool CleanStart { get; set; } = true;

    /// <summary>MQTTnet's name for <see cref="CleanStart"/>.</summary>
    public bool CleanSession { get => CleanStart; set => CleanStart = value; }

    /// <summary>PINGREQ after this much idle time; zero turns keep-alive off. Whole seconds, at most 65,535.</summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromSeconds(15);

    public string? UserName { get; set; }
    public byte[]? Password { get; set; }

    /// <summary>The last will: the server publishes it when this client vanishes without DISCONNECT.</summary>
    public MqttApplicationMessage? Will { get; set; }
    /// <summary>MQTT 5: seconds the server waits before publishing the will.</summary>
    public uint WillDelayInterval { get; set; }

    /// <summary>MQTT 5: seconds the server keeps the session after the connection ends (0: ends with it).</summary>
    public uint SessionExpiryInterval { get; set; }
    /// <summary>At most this many of our QoS 1/2 publishes await their ack at once; the server's Receive
    /// Maximum (MQTT 5) lowers it further. MQTT 3.1.1 cannot say its limit: mosquitto drops a 3.1.1 client
    /// with more than 20 QoS 2 messages in flight, hence the default (paho's default too).</summary>
    public ushort MaximumInflightPublishes { get; set; } = 20;
    /// <summary>MQTT 5: how many QoS 1/2 messages the server may have in flight to us (0: not sent, 65,535).</summary>
    public ushort ReceiveMaximum { get; set; }
    /// <summary>Largest packet we accept (0: no limit); MQTT 5 tells the server.</summary>
    public uint MaximumPacketSize { get; set; }
    /// <summary>MQTT 5: how many topic aliases the server may use towards us (0: none).</summary>
    public ushort TopicAliasMaximum { get; set; }
    /// <summary>MQTT 5 CONNECT user properties.</summary>
    public List<MqttUserProperty>? UserProperties { get; set; }

    /// <summary>Limit for opening the transport and receiving CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Limit for each request: PUBACK/PUBCOMP, SUBACK, UNSUBACK, PINGRESP.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a connection that was up is lost, reconnect (and resubscribe) until
    /// <see cref="MqttClient.DisconnectAsync"/> is called. A failing first connect is not retried.</summary>
    public bool AutoReconnect { get; set; }
    /// <summary>Delay before the first reconnect attempt; it doubles per failed attempt (with jitter).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaximumReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Opens the byte stream to the server (WebSocket, TLS, a test pipe). Null: TCP to
    /// <see cref="Host"/>:<see cref="Port"/>.</summary>
    public Func<CancellationToken, Task<Stream>>? TransportFactory { get; set; }

    /// <summary>Sets <see cref="UserName"/> and <see cref="Password"/> (UTF-8).</summary>
    public MqttClientOptions WithCredentials(string userName, string? password)
    {
        UserName = userName;
        Password = password is null ? null : System.Text.Encoding.UTF8.GetBytes(password);
        return this;
    }

    internal void Validate()
    {
        if (ProtocolVersion is not (MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
            throw new ArgumentException("ProtocolVersion must be V311 or V500");
        if (TransportFactory is null && (string.IsNullOrEmpty(Host) || Port is <= 0 or > 65535))
            throw new ArgumentException("Host and a Port between 1 and 65535 are required");
        if (KeepAlivePeriod < TimeSpan.Zero || KeepAlivePeriod.TotalSeconds > ushort.MaxValue)
            throw new ArgumentException("KeepAlivePeriod must be between 0 and 65,535 seconds");
        if (MaximumInflightPublishes == 0) throw new ArgumentException("MaximumInflightPublishes must be at least 1");
        if (ConnectTimeout <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
            throw new ArgumentException("ConnectTimeout and Timeout must be positive");
        if (AutoReconnect && (ReconnectDelay <= TimeSpan.Zero || MaximumReconnectDelay < ReconnectDelay))
            throw new ArgumentException("ReconnectDelay must be positive and at most MaximumReconnectDelay");
        if (Will is { } will && !MqttTopic.IsValidTopicName(will.Topic))
            throw new ArgumentException("the will topic is not a valid topic name");
        if (UserName is null && Password is not null && ProtocolVersion == MqttProtocolVersion.V311)
            throw new ArgumentException("MQTT 3.1.1 does not allow a password without a user name");
    }
}
