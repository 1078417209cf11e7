namespace RoboClub.Mqtt.Client;

/// <summary>One SUBSCRIBE: the filters plus MQTT 5 subscription identifier and user properties.</summary>
public sealed class MqttClientSubscribeOptions
{
    public List<MqttTopicFilter> TopicFilters { get; set; } = new();
    /// <summary>MQTT 5: echoed in every message this subscription delivers (0: none).</summary>
    public uint SubscriptionIdentifier { get; set; }
    public List<MqttUserProperty>? UserProperties { get; set; }
}
