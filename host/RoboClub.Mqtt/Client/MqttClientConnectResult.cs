using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

/// <summary>The server's CONNACK: reason code, session present and (MQTT 5) its limits.
/// Absent MQTT 5 properties take the values the spec says they default to.</summary>
public sealed class MqttClientConnectResult
{
    public MqttProtocolVersion ProtocolVersion { get; init; }
    public MqttReasonCode ResultCode { get; init; }
    public bool IsSessionPresent { get; init; }
    public string? ReasonString { get; init; }
    /// <summary>The client identifier in use: ours, or the one the server assigned.</summary>
    public string ClientId { get; init; } = "";
    public string? AssignedClientIdentifier { get; init; }
    public uint? SessionExpiryInterval { get; init; }
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;
    public MqttQualityOfServiceLevel MaximumQoS { get; init; } = MqttQualityOfServiceLevel.ExactlyOnce;
    public bool RetainAvailable { get; init; } = true;
    public uint? MaximumPacketSize { get; init; }
    public ushort TopicAliasMaximum { get; init; }
    public bool WildcardSubscriptionAvailable { get; init; } = true;
    public bool SubscriptionIdentifiersAvailable { get; init; } = true;
    public bool SharedSubscriptionAvailable { get; init; } = true;
    public ushort? ServerKeepAlive { get; init; }
    public string? ResponseInformation { get; init; }
    public string? ServerReference { get; init; }
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; init; }

    public bool IsSuccess => ResultCode == MqttReasonCode.Success;

    internal static MqttClientConnectResult From(ConnAckPacket ack, MqttProtocolVersion version, MqttReasonCode code, string clientId) => new()
    {
        ProtocolVersion = version,
        ResultCode = code,
        IsSessionPresent = ack.SessionPresent,
        ReasonString = ack.ReasonString,
        ClientId = ack.AssignedClientIdentifier ?? clientId,
        AssignedClientIdentifier = ack.AssignedClientIdentifier,
        SessionExpiryInterval = ack.SessionExpiryInterval,
        ReceiveMaximum = ack.ReceiveMaximum ?? ushort.MaxValue,
        MaximumQoS = ack.MaximumQoS ?? MqttQualityOfServiceLevel.ExactlyOnce,
        RetainAvailable = ack.RetainAvailable ?? true,
        MaximumPacketSize = ack.MaximumPacketSize,
        TopicAliasMaximum = ack.TopicAliasMaximum ?? 0,
        WildcardSubscriptionAvailable = ack.WildcardSubscriptionAvailable ?? true,
        SubscriptionIdentifiersAvailable = ack.SubscriptionIdentifiersAvailable ?? true,
        SharedSubscriptionAvailable = ack.SharedSubscriptionAvailable ?? true,
        ServerKeepAlive = ack.ServerKeepAlive,
        ResponseInformation = ack.ResponseInformation,
        ServerReference = ack.ServerReference,
        UserProperties = ack.UserProperties,
    };
}
