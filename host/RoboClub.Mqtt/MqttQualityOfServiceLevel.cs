namespace RoboClub.Mqtt;

public enum MqttQualityOfServiceLevel : byte
{
    AtMostOnce = 0,
    AtLeastOnce = 1,
    ExactlyOnce = 2,
}
