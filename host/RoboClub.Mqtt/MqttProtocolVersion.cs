namespace RoboClub.Mqtt;

/// <summary>The protocol level byte of CONNECT.</summary>
public enum MqttProtocolVersion : byte
{
    V310 = 3, // "MQIsdp": treated as 3.1.1
    V311 = 4,
    V500 = 5,
}
