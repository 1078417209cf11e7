namespace RoboClub.Mqtt;

/// <summary>An MQTT 5 user property: a name/value pair that may repeat and keeps its order.</summary>
public readonly record struct MqttUserProperty(string Name, string Value);
