using System.Threading.Channels;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

// Packets from the server: acks complete waiting requests; PUBLISH goes to the dispatcher, which
// runs the application's handlers off the reader task (a slow handler must not stall PINGRESP).
public sealed partial class MqttClient
{
    /// <summary>Incoming QoS 2 packet identifiers between PUBLISH and PUBREL: a resent PUBLISH with one
    /// of them is acknowledged but not delivered again (spec 4.3.3). Part of the session.</summary>
    readonly HashSet<ushort> _incomingQoS2 = new();

    readonly Channel<Incoming> _dispatch = Channel.CreateUnbounded<Incoming>(new UnboundedChannelOptions { SingleReader = true });
    readonly Task _dispatchTask;

    /// <summary>A received PUBLISH and the connection its ack belongs to.</summary>
    readonly record struct Incoming(MqttClientConnection Connection, PublishPacket Packet, bool Deliver);

    /// <summary>Runs on the connection's reader task. A protocol exception closes the connection.</summary>
    void OnPacket(MqttClientConnection connection, MqttPacket packet)
    {
        switch (packet)
        {
            case PublishPacket p:
                _topicAliases?.Resolve(p);
                bool deliver = true;
                if (p.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce)
                {
                    lock (_incomingQoS2) deliver = _incomingQoS2.Add(p.PacketId);
                }
                _dispatch.Writer.TryWrite(new Incoming(connection, p, deliver));
                break;
            case PubAckPacket ack:
                CompletePublish(ack, PublishStage.AwaitingPubAck);
                break;
            case PubRecPacket rec:
                OnPubRec(connection, rec);
                break;
            case PubCompPacket comp:
                CompletePublish(comp, PublishStage.AwaitingPubComp);
                break;
            case PubRelPacket rel:
                bool known;
                lock (_incomingQoS2) known = _incomingQoS2.Remove(rel.PacketId);
                connection.Send(new PubCompPacket { PacketId = rel.PacketId, ReasonCode = known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound });
                break;
            case SubAckPacket subAck:
                CompleteRequest(subAck.PacketId, subAck, MqttPacketType.Subscribe);
                break;
            case UnsubAckPacket unsubAck:
                CompleteRequest(unsubAck.PacketId, unsubAck, MqttPacketType.Unsubscribe);
                break;
            case PingRespPacket:
                break; // the connection already noted that the server is alive
            default:
                throw MqttProtocolException.Protocol($"a server must not send {packet.Type} to a client");
        }
    }

    /// <summary>PUBACK or PUBCOMP: the publish is done. An ack for an identifier we gave up on is ignored.</summary>
    void CompletePublish(PublishResponsePacket ack, PublishStage expected)
    {
        PendingPublish? pending;
        lock (_gate)
        {
            pending = _inflight.Get(ack.PacketId) as PendingPublish;
            if (pending is null || pending.Stage != expected || !_inflight.Remove(pending)) return;
        }
        _quota.Release();
        pending.Completion.TrySetResult(ack);
    }

    void OnPubRec(MqttClientConnection connection, PubRecPacket rec)
    {
        PendingPublish? pending;
        lock (_gate)
        {
            pending = _inflight.Get(rec.PacketId) as PendingPublish;
            if (pending is not null && (byte)rec.ReasonCode >= 0x80)
            {
                // Refused (e.g. NotAuthorized): the QoS 2 exchange ends here, without PUBREL.
                _inflight.Remove(pending);
            }
            else
            {
                if (pending is not null) pending.Stage = PublishStage.AwaitingPubComp;
                // Unknown identifier (we gave up on it): still release the server's state.
                connection.Send(new PubRelPacket { PacketId = rec.PacketId, ReasonCode = pending is null ? MqttReasonCode.PacketIdentifierNotFound : MqttReasonCode.Success });
                return;
            }
        }
        _quota.Release();
        pending.Completion.TrySetResult(rec);
    }

    void CompleteRequest(ushort packetId, MqttPacket answer, MqttPacketType requestType)
    {
        PendingRequest? pending;
        lock (_gate)
        {
            pending = _inflight.Get(packetId);
            if (pending is null || pending.Request.Type != requestType || !_inflight.Remove(pending)) return;
        }
        pending.Completion.TrySetResult(answer);
    }

    /// <summary>A packet the server's Maximum Packet Size does not allow was not sent.</summary>
    void OnPacketDropped(MqttClientConnection connection, MqttPacket packet)
    {
        if (packet is not PublishPacket { PacketId: not 0 } p) return;
        PendingPublish? pending;
        lock (_gate)
        {
            pending = _inflight.Get(p.PacketId) as PendingPublish;
            if (pending is null || !_inflight.Remove(pending)) return;
        }
        _quota.Release();
        pending.Completion.TrySetResult(new PubAckPacket { PacketId = p.PacketId, ReasonCode = MqttReasonCode.PacketTooLarge, ReasonString = TooLarge(p.PacketId).ReasonString });
    }

    async Task DispatchLoopAsync()
    {
        // The last ack held by AcknowledgeAfter: later acks wait for it, so acks keep the arrival order.
        Task acksInOrder = Task.CompletedTask;
        await foreach (var item in _dispatch.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var packet = item.Packet;
            var reason = MqttReasonCode.Success;
            Task? holdAck = null;
            bool disposed;
            lock (_gate) disposed = _state == State.Disposed;
            if (item.Deliver && !disposed)
            {
                var message = packet.ToApplicationMessage();
                var args = new MqttApplicationMessageReceivedEventArgs(_clientId, message, packet.PacketId, packet.Dup);
                await InvokeHandlersAsync(ApplicationMessageReceivedAsync, args).ConfigureAwait(false);
                reason = args.ReasonCode;
                holdAck = args.AcknowledgeTask;
            }
            if (packet.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce) continue;
            if ((holdAck is null || holdAck.IsCompletedSuccessfully) && acksInOrder.IsCompleted) Acknowledge(item, reason);
            else acksInOrder = AcknowledgeAfterAsync(acksInOrder, holdAck ?? Task.CompletedTask, item, reason);
        }
    }

    // Acknowledge after the handlers, on the connection the message came from: if that one
    // is gone, the server resends the message on the next connection of the session.
    void Acknowledge(Incoming item, MqttReasonCode reason)
    {
        var packet = item.Packet;
        if (packet.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce)
        {
            item.Connection.Send(new PubAckPacket { PacketId = packet.PacketId, ReasonCode = reason });
            return;
        }
        if ((byte)reason >= 0x80) lock (_incomingQoS2) _incomingQoS2.Remove(packet.PacketId); // no PUBREL follows a refusal
        item.Connection.Send(new PubRecPacket { PacketId = packet.PacketId, ReasonCode = reason });
    }

    MqttClientConnection? _refusedConnection;

    async Task AcknowledgeAfterAsync(Task earlier, Task work, Incoming item, MqttReasonCode reason)
    {
        await earlier.ConfigureAwait(false); // never fails
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not done: no ack. A QoS 2 id is forgotten so the resend is delivered again; the connection
            // is dropped so that the server, which holds the session, sends the message again.
            if (item.Packet.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce) lock (_incomingQoS2) _incomingQoS2.Remove(item.Packet.PacketId);
            if (_refusedConnection != item.Connection)
            {
                _refusedConnection = item.Connection;
                item.Connection.Close(ConnectionLoss.Broken(ex), null);
            }
            return;
        }
        if (_refusedConnection == item.Connection) return; // closing: the server resends what is unacknowledged
        Acknowledge(item, reason);
    }
}
