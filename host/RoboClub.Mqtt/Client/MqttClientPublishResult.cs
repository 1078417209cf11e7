namespace RoboClub.Mqtt.Client;

/// <summary>How the server answered a PUBLISH. A refusal (reason code 0x80 or above, e.g. NotAuthorized)
/// is reported here, not thrown. QoS 0 is always Success once written.</summary>
public sealed class MqttClientPublishResult
{
    /// <summary>0 for QoS 0.</summary>
    public ushort PacketIdentifier { get; init; }
    public MqttReasonCode ReasonCode { get; init; }
    public string? ReasonString { get; init; }
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; init; }

    /// <summary>Below 0x80: accepted (0x10 "no matching subscribers" is a success too).</summary>
    public bool IsSuccess => (byte)ReasonCode < 0x80;

    internal static readonly MqttClientPublishResult QoS0Success = new();
}
