namespace RoboClub.Mqtt;

/// <summary>
/// A message as applications see it (MQTTnet's term): what a publisher sends and a subscriber
/// receives, without packet details such as packet identifiers or topic aliases.
/// </summary>
public sealed class MqttApplicationMessage
{
    public string Topic { get; set; } = "";
    public ReadOnlyMemory<byte> Payload { get; set; }
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; set; }
    public bool Retain { get; set; }

    // MQTT 5 properties (ignored on 3.1.1 connections).
    public uint? MessageExpiryInterval { get; set; }
    public bool PayloadFormatIndicator { get; set; } // true: payload is UTF-8 text
    public string? ContentType { get; set; }
    public string? ResponseTopic { get; set; }
    public ReadOnlyMemory<byte>? CorrelationData { get; set; }
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }

    /// <summary>Set on received messages: the identifiers of the subscriptions that matched.</summary>
    public IReadOnlyList<uint>? SubscriptionIdentifiers { get; set; }

    public string PayloadAsString() => System.Text.Encoding.UTF8.GetString(Payload.Span);

    public MqttApplicationMessage Clone() => (MqttApplicationMessage)MemberwiseClone();
}
