namespace RoboClub.Mqtt.Client;

/// <summary>The SUBACK: one reason code per requested filter (granted QoS, or 0x80+ when refused).</summary>
public sealed class MqttClientSubscribeResult
{
    public ushort PacketIdentifier { get; init; }
    public IReadOnlyList<MqttClientSubscribeResultItem> Items { get; init; } = [];
    public string? ReasonString { get; init; }
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; init; }
}

public sealed record MqttClientSubscribeResultItem(MqttTopicFilter TopicFilter, MqttReasonCode ResultCode)
{
    public bool IsSuccess => (byte)ResultCode < 0x80;
}
