using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

/// <summary>A request awaiting the server's answer under one packet identifier
/// (SUBSCRIBE → SUBACK, UNSUBSCRIBE → UNSUBACK).</summary>
internal class PendingRequest(MqttPacket request)
{
    public MqttPacket Request { get; } = request;
    public ushort PacketId { get; set; }

    /// <summary>Completes with the answering packet, or fails when the connection goes.</summary>
    public TaskCompletionSource<MqttPacket> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Where an outgoing QoS 1/2 PUBLISH is in its handshake.</summary>
internal enum PublishStage : byte
{
    AwaitingPubAck, // QoS 1: PUBLISH sent (or queued), PUBACK outstanding
    AwaitingPubRec, // QoS 2 first half
    AwaitingPubComp, // QoS 2: PUBREL sent, PUBCOMP outstanding
}

/// <summary>An outgoing QoS 1/2 PUBLISH, kept until its final ack so that it can be resent on a
/// new connection of the same session (spec 4.4).</summary>
internal sealed class PendingPublish(PublishPacket packet, long sequence) : PendingRequest(packet)
{
    public PublishPacket Packet { get; } = packet;
    /// <summary>Publish order, to resend in the original order (MQTT-4.6.0-1).</summary>
    public long Sequence { get; } = sequence;
    public PublishStage Stage { get; set; } = packet.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce ? PublishStage.AwaitingPubAck : PublishStage.AwaitingPubRec;
    /// <summary>Written to some connection at least once: a resend carries DUP.</summary>
    public bool WasSent { get; set; }
}
