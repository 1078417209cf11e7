using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// A published message inside the broker. Immutable and shared by every session it is queued for;
/// per-subscriber details (QoS, retain flag, subscription ids, packet id) live in <see cref="OutgoingMessage"/>.
/// </summary>
internal sealed class BrokerMessage
{
    public required string Topic { get; init; }
    public required ReadOnlyMemory<byte> Payload { get; init; }
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; init; }
    public bool Retain { get; init; }
    public bool PayloadFormatIndicator { get; init; }
    public string? ContentType { get; init; }
    public string? ResponseTopic { get; init; }
    public byte[]? CorrelationData { get; init; }
    public List<MqttUserProperty>? UserProperties { get; init; }
    /// <summary>UTC ticks after which the message is dropped instead of delivered; 0 = never.</summary>
    public long ExpiresAtUtcTicks { get; init; }
    /// <summary>Client id of the publisher (for No Local); null for the broker itself.</summary>
    public string? SenderClientId { get; init; }

    public bool IsExpired(long nowUtcTicks) => ExpiresAtUtcTicks != 0 && nowUtcTicks >= ExpiresAtUtcTicks;

    /// <summary>Seconds left of the Message Expiry Interval, as forwarded to a subscriber.</summary>
    public uint? RemainingExpirySeconds(long nowUtcTicks) =>
        ExpiresAtUtcTicks == 0 ? null : (uint)Math.Max(1, Math.Ceiling((ExpiresAtUtcTicks - nowUtcTicks) / (double)TimeSpan.TicksPerSecond));

    public static long ExpiryFrom(uint? intervalSeconds, long nowUtcTicks) =>
        intervalSeconds is { } s ? nowUtcTicks + s * TimeSpan.TicksPerSecond : 0;

    public static BrokerMessage FromPublish(PublishPacket p, string? sender, long nowUtcTicks) => new()
    {
        Topic = p.Topic,
        Payload = p.Payload,
        QualityOfServiceLevel = p.QualityOfServiceLevel,
        Retain = p.Retain,
        PayloadFormatIndicator = p.PayloadFormatIndicator,
        ContentType = p.ContentType,
        ResponseTopic = p.ResponseTopic,
        CorrelationData = p.CorrelationData,
        UserProperties = p.UserProperties,
        ExpiresAtUtcTicks = ExpiryFrom(p.MessageExpiryInterval, nowUtcTicks),
        SenderClientId = sender,
    };

    public static BrokerMessage FromApplicationMessage(MqttApplicationMessage m, string? sender, long nowUtcTicks) => new()
    {
        Topic = m.Topic,
        Payload = m.Payload,
        QualityOfServiceLevel = m.QualityOfServiceLevel,
        Retain = m.Retain,
        PayloadFormatIndicator = m.PayloadFormatIndicator,
        ContentType = m.ContentType,
        ResponseTopic = m.ResponseTopic,
        CorrelationData = m.CorrelationData?.ToArray(),
        UserProperties = m.UserProperties is null ? null : new List<MqttUserProperty>(m.UserProperties),
        ExpiresAtUtcTicks = ExpiryFrom(m.MessageExpiryInterval, nowUtcTicks),
        SenderClientId = sender,
    };

    public MqttApplicationMessage ToApplicationMessage(MqttQualityOfServiceLevel qos, bool retain, long nowUtcTicks) => new()
    {
        Topic = Topic,
        Payload = Payload,
        QualityOfServiceLevel = qos,
        Retain = retain,
        PayloadFormatIndicator = PayloadFormatIndicator,
        ContentType = ContentType,
        ResponseTopic = ResponseTopic,
        CorrelationData = CorrelationData,
        UserProperties = UserProperties,
        MessageExpiryInterval = RemainingExpirySeconds(nowUtcTicks),
    };
}

/// <summary>A message queued for one subscriber, with what its subscriptions decided.</summary>
internal readonly record struct OutgoingMessage(BrokerMessage Message, MqttQualityOfServiceLevel QualityOfServiceLevel, bool Retain, List<uint>? SubscriptionIdentifiers);
