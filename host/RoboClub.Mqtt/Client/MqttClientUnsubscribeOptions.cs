namespace RoboClub.Mqtt.Client;

/// <summary>One UNSUBSCRIBE: the filters plus MQTT 5 user properties.</summary>
public sealed class MqttClientUnsubscribeOptions
{
    public List<string> TopicFilters { get; set; } = new();
    public List<MqttUserProperty>? UserProperties { get; set; }
}
