namespace RoboClub.Mqtt.Packets;

public sealed class ConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;
    public string ClientId { get; set; } = "";
    /// <summary>Clean Session (3.1.1) or Clean Start (5.0).</summary>
    public bool CleanStart { get; set; } = true;
    public ushort KeepAliveSeconds { get; set; }
    public string? UserName { get; set; }
    public byte[]? Password { get; set; }

    /// <summary>The last will, or null.</summary>
    public MqttApplicationMessage? Will { get; set; }
    /// <summary>MQTT 5 Will Delay Interval in seconds.</summary>
    public uint WillDelayInterval { get; set; }

    // MQTT 5 CONNECT properties.
    public uint SessionExpiryInterval { get; set; }
    public ushort ReceiveMaximum { get; set; } = ushort.MaxValue;
    public uint MaximumPacketSize { get; set; } // 0: not set
    public ushort TopicAliasMaximum { get; set; }
    public bool RequestResponseInformation { get; set; }
    public bool RequestProblemInformation { get; set; } = true;
    public string? AuthenticationMethod { get; set; }
    public byte[]? AuthenticationData { get; set; }
}
