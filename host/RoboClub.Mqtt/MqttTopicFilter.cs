namespace RoboClub.Mqtt;

/// <summary>What to subscribe to (MQTTnet's term), with the MQTT 5 subscription options.</summary>
public sealed class MqttTopicFilter
{
    public string Topic { get; set; } = "";
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; set; }
    public bool NoLocal { get; set; }
    public bool RetainAsPublished { get; set; }
    /// <summary>0: send retained on subscribe; 1: only if the subscription is new; 2: never.</summary>
    public byte RetainHandling { get; set; }

    public MqttTopicFilter() { }

    public MqttTopicFilter(string topic, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce)
    {
        Topic = topic;
        QualityOfServiceLevel = qos;
    }

    public override string ToString() => $"{Topic} (QoS {(int)QualityOfServiceLevel})";
}
