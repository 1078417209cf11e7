namespace RoboClub.Mqtt.Client;

/// <summary>Raised after every successful connect, including automatic reconnects.</summary>
public sealed class MqttClientConnectedEventArgs(MqttClientConnectResult connectResult) : EventArgs
{
    public MqttClientConnectResult ConnectResult { get; } = connectResult;
}
