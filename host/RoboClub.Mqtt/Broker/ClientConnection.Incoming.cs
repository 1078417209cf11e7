using System.Net;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Broker;

/// <summary>What a client sends: PUBLISH and its acknowledgements, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT.</summary>
internal sealed partial class ClientConnection
{
    // ------------------------------------------------------------------ incoming packets
    /// <summary>Handles one packet; false ends the connection (DISCONNECT).</summary>
    bool HandlePacket(MqttPacket packet)
    {
        switch (packet)
        {
            case PublishPacket p: HandlePublish(p); return true;
            case PubAckPacket p: Acknowledge(p.PacketId, Session.InflightState.AwaitingPubAck); return true;
            case PubRecPacket p: HandlePubRec(p); return true;
            case PubRelPacket p: HandlePubRel(p); return true;
            case PubCompPacket p: Acknowledge(p.PacketId, Session.InflightState.AwaitingPubComp); return true;
            case SubscribePacket p: HandleSubscribe(p); return true;
            case UnsubscribePacket p: HandleUnsubscribe(p); return true;
            case PingReqPacket: Enqueue(PingRespPacket.Instance); return true;
            case DisconnectPacket p: HandleDisconnect(p); return false;
            case ConnectPacket: throw MqttProtocolException.Protocol("second CONNECT on one connection");
            case AuthPacket: throw MqttProtocolException.Protocol("AUTH without an authentication method");
            default: throw MqttProtocolException.Protocol($"a client must not send {packet.Type}");
        }
    }

    void HandlePublish(PublishPacket p)
    {
        var session = _session!;
        if (p.SubscriptionIdentifiers is not null) throw MqttProtocolException.Protocol("a client must not send subscription identifiers");
        if (p.TopicAlias != 0)
        {
            if (p.TopicAlias > _broker.Options.TopicAliasMaximum)
                throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"topic alias {p.TopicAlias} is above the maximum {_broker.Options.TopicAliasMaximum}");
            _incomingAliases ??= new Dictionary<ushort, string>();
            if (p.Topic.Length == 0)
            {
                if (!_incomingAliases.TryGetValue(p.TopicAlias, out var t)) throw MqttProtocolException.Protocol($"topic alias {p.TopicAlias} was never set");
                p.Topic = t;
            }
            else _incomingAliases[p.TopicAlias] = p.Topic;
        }
        Interlocked.Increment(ref _broker.Statistics._publishReceived);
        bool allowed = _broker.Options.Security?.CanPublish(Identity!, p.Topic) ?? true;
        if (!allowed) _broker.Log(MqttLogLevel.Information, $"{Name} may not publish to '{p.Topic}'");
        var denied = V5 ? MqttReasonCode.NotAuthorized : MqttReasonCode.Success; // 3.1.1 cannot say no
        switch (p.QualityOfServiceLevel)
        {
            case MqttQualityOfServiceLevel.AtMostOnce:
                if (allowed) Route(p);
                break;
            case MqttQualityOfServiceLevel.AtLeastOnce:
                {
                    _handled.Clear();
                    var rc = allowed ? RouteReason(Route(p, _handled)) : denied;
                    AcknowledgeWhenHandled(new PubAckPacket { PacketId = p.PacketId, ReasonCode = rc }, p.PacketId, qos2: false);
                    break;
                }
            default:
                {
                    bool duplicate;
                    lock (session.Lock)
                    {
                        // A resend of an id still awaiting PUBREL was routed already: only ack it again.
                        duplicate = session.IncomingQos2.Contains(p.PacketId);
                        if (!duplicate)
                        {
                            if (session.IncomingQos2.Count >= _broker.Options.ReceiveMaximum)
                                throw new MqttProtocolException(MqttReasonCode.ReceiveMaximumExceeded, $"more than {_broker.Options.ReceiveMaximum} QoS 2 messages unreleased");
                            // MQTT 5 ends a refused flow at PUBREC; 3.1.1 must still complete it.
                            if (allowed || !V5) session.IncomingQos2.Add(p.PacketId);
                        }
                    }
                    _handled.Clear();
                    var rc = !allowed ? denied : duplicate ? MqttReasonCode.Success : RouteReason(Route(p, _handled));
                    AcknowledgeWhenHandled(new PubRecPacket { PacketId = p.PacketId, ReasonCode = rc }, p.PacketId, qos2: true);
                    break;
                }
        }
    }

    MqttReasonCode RouteReason(int matched) => matched == 0 && V5 ? MqttReasonCode.NoMatchingSubscribers : MqttReasonCode.Success;

    int Route(PublishPacket p, List<Task>? handled = null)
    {
        var message = BrokerMessage.FromPublish(p, Identity!.ClientId, DateTime.UtcNow.Ticks);
        return _broker.Route(message, _matchScratch, handled);
    }

    // ------------------------------------------------------------------ acks after in-process handlers
    // Tasks of acknowledging subscribers (AcknowledgingSubscriber: the hub's store) for the PUBLISH being handled.
    readonly List<Task> _handled = new();
    // The last ack waiting for a handler: later acks wait for it, so PUBACKs keep the PUBLISH order
    // (MQTT-4.6.0-2) while the reader goes on reading (the client's in-flight window keeps flowing).
    Task _acksInOrder = Task.CompletedTask;
    bool _ackRefused;

    /// <summary>Sends the ack now, or once the handlers in <see cref="_handled"/> and every earlier waiting ack are done.</summary>
    void AcknowledgeWhenHandled(MqttPacket ack, ushort packetId, bool qos2)
    {
        Task handled = _handled.Count switch
        {
            0 => Task.CompletedTask,
            1 => _handled[0],
            _ => Task.WhenAll(_handled.ToArray()),
        };
        _handled.Clear();
        if (handled.IsCompletedSuccessfully && _acksInOrder.IsCompleted && !_ackRefused)
        {
            Enqueue(ack);
            return;
        }
        _acksInOrder = AcknowledgeAfterAsync(_acksInOrder, handled, ack, packetId, qos2);
    }

    async Task AcknowledgeAfterAsync(Task earlier, Task handled, MqttPacket ack, ushort packetId, bool qos2)
    {
        await earlier.ConfigureAwait(false); // never fails
        try
        {
            await handled.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not stored: no ack. A QoS 2 id is forgotten so its resend is routed again, not taken for a duplicate.
            if (qos2) lock (_session!.Lock) _session.IncomingQos2.Remove(packetId);
            if (!_ackRefused)
            {
                _ackRefused = true;
                _broker.Log(MqttLogLevel.Warning, $"{Name}: a subscriber could not take message {packetId} ({ex.GetBaseException().Message}); closing the connection without acknowledging it, so the client sends it again");
                Cancel();
            }
            return;
        }
        if (_ackRefused) return; // the connection is closing: the client resends the unacknowledged messages
        Enqueue(ack);
        SignalWriter();
    }

    void HandlePubRec(PubRecPacket p)
    {
        var session = _session!;
        bool known;
        lock (session.Lock)
        {
            known = session.InflightMessages.TryGetValue(p.PacketId, out var entry) && entry.State == Session.InflightState.AwaitingPubRec;
            if (known)
            {
                if ((byte)p.ReasonCode >= 0x80) session.InflightMessages.Remove(p.PacketId); // refused: the flow ends here
                else
                {
                    entry.State = Session.InflightState.AwaitingPubComp;
                    session.InflightMessages[p.PacketId] = entry;
                }
            }
        }
        if (known && (byte)p.ReasonCode >= 0x80) { SignalWriter(); return; }
        Enqueue(new PubRelPacket { PacketId = p.PacketId, ReasonCode = known || !V5 ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound });
    }

    void HandlePubRel(PubRelPacket p)
    {
        var session = _session!;
        bool known;
        lock (session.Lock) known = session.IncomingQos2.Remove(p.PacketId);
        Enqueue(new PubCompPacket { PacketId = p.PacketId, ReasonCode = known || !V5 ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound });
    }

    void Acknowledge(ushort packetId, Session.InflightState expected)
    {
        var session = _session!;
        bool freed;
        lock (session.Lock)
        {
            freed = session.InflightMessages.TryGetValue(packetId, out var entry) && entry.State == expected && session.InflightMessages.Remove(packetId);
        }
        if (freed) SignalWriter(); // a send slot opened
    }

    void HandleSubscribe(SubscribePacket p)
    {
        var session = _session!;
        var ack = new SubAckPacket { PacketId = p.PacketId };
        var retained = new List<OutgoingMessage>();
        foreach (var f in p.TopicFilters)
        {
            ack.ReasonCodes.Add(_broker.Subscribe(session, Identity!, f, p.SubscriptionIdentifier, V5, retained));
        }
        Enqueue(ack); // SUBACK goes before the retained messages it triggered
        foreach (var m in retained) session.Deliver(m);
    }

    void HandleUnsubscribe(UnsubscribePacket p)
    {
        var ack = new UnsubAckPacket { PacketId = p.PacketId };
        foreach (var f in p.TopicFilters)
        {
            ack.ReasonCodes.Add(_broker.Unsubscribe(_session!, f) ? MqttReasonCode.Success : MqttReasonCode.NoSubscriptionExisted);
        }
        Enqueue(ack);
    }

    void HandleDisconnect(DisconnectPacket p)
    {
        var session = _session!;
        if (p.SessionExpiryInterval is { } se)
        {
            lock (session.Lock)
            {
                if (session.SessionExpiryInterval == 0 && se != 0)
                    throw MqttProtocolException.Protocol("session expiry set on DISCONNECT after CONNECT set 0");
                session.SessionExpiryInterval = Math.Min(se, _broker.Options.MaximumSessionExpiryInterval);
            }
        }
        // A normal DISCONNECT discards the will; 0x04 asks for it to be sent.
        _sendWill = p.ReasonCode == MqttReasonCode.DisconnectWithWillMessage;
        _closeReason = p.ReasonCode;
    }
}
