namespace RoboClub.Mqtt.Client;

/// <summary>The UNSUBACK: one reason code per filter (MQTT 3.1.1 has none on the wire: all Success).</summary>
public sealed class MqttClientUnsubscribeResult
{
    public ushort PacketIdentifier { get; init; }
    public IReadOnlyList<MqttClientUnsubscribeResultItem> Items { get; init; } = [];
    public string? ReasonString { get; init; }
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; init; }
}

public sealed record MqttClientUnsubscribeResultItem(string TopicFilter, MqttReasonCode ResultCode);
