namespace RoboClub.Mqtt.Packets;

public sealed class PublishPacket : MqttPacket, IPacketWithIdentifier
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    public string Topic { get; set; } = "";
    public ReadOnlyMemory<byte> Payload { get; set; }
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; set; }
    public bool Retain { get; set; }
    public bool Dup { get; set; }
    public ushort PacketId { get; set; }

    // MQTT 5 PUBLISH properties.
    public bool PayloadFormatIndicator { get; set; }
    public uint? MessageExpiryInterval { get; set; }
    public ushort TopicAlias { get; set; } // 0: none
    public string? ResponseTopic { get; set; }
    public byte[]? CorrelationData { get; set; }
    public string? ContentType { get; set; }
    public List<uint>? SubscriptionIdentifiers { get; set; }

    /// <summary>The application view of this packet (payload memory is shared, not copied).</summary>
    public MqttApplicationMessage ToApplicationMessage() => new()
    {
        Topic = Topic,
        Payload = Payload,
        QualityOfServiceLevel = QualityOfServiceLevel,
        Retain = Retain,
        MessageExpiryInterval = MessageExpiryInterval,
        PayloadFormatIndicator = PayloadFormatIndicator,
        ContentType = ContentType,
        ResponseTopic = ResponseTopic,
        CorrelationData = CorrelationData is { } cd ? new ReadOnlyMemory<byte>(cd) : (ReadOnlyMemory<byte>?)null, // keep "absent" absent (null byte[] would become empty memory)
        UserProperties = UserProperties,
        SubscriptionIdentifiers = SubscriptionIdentifiers,
    };

    public static PublishPacket FromApplicationMessage(MqttApplicationMessage m, ushort packetId = 0) => new()
    {
        Topic = m.Topic,
        Payload = m.Payload,
        QualityOfServiceLevel = m.QualityOfServiceLevel,
        Retain = m.Retain,
        PacketId = packetId,
        MessageExpiryInterval = m.MessageExpiryInterval,
        PayloadFormatIndicator = m.PayloadFormatIndicator,
        ContentType = m.ContentType,
        ResponseTopic = m.ResponseTopic,
        CorrelationData = m.CorrelationData?.ToArray(),
        UserProperties = m.UserProperties is null ? null : new List<MqttUserProperty>(m.UserProperties),
    };
}
