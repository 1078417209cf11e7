using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

/// <summary>Why one connection ended; becomes <see cref="MqttClientDisconnectedEventArgs"/>.</summary>
internal sealed record ConnectionLoss(MqttReasonCode ReasonCode, bool IsClean, bool ByClient, Exception? Exception, DisconnectPacket? ServerDisconnect = null)
{
    public static ConnectionLoss Broken(Exception? exception, MqttReasonCode code = MqttReasonCode.UnspecifiedError) => new(code, false, false, exception);

    public static ConnectionLoss FromServer(DisconnectPacket packet) => new(packet.ReasonCode, true, false, null, packet);

    public static ConnectionLoss FromClient(MqttReasonCode code) => new(code, true, true, null);

    public string Describe() => ServerDisconnect is { } d
        ? $"the server disconnected: {d.ReasonCode} (0x{(byte)d.ReasonCode:X2}){(d.ReasonString is null ? "" : ": " + d.ReasonString)}"
        : Exception is { } e ? $"the connection was lost ({ReasonCode}): {e.Message}" : $"the connection was closed ({ReasonCode})";
}
